package io.intentflow.model.snapshot;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.NetworkConfig.EarlierLayout;
import java.io.Serializable;
import java.util.Optional;

/**
 * One version of the model's weights, as broadcast to every scoring task.
 *
 * @param version monotonic across the job's life, restores included
 * @param parentVersion the version it was trained from; 0 for a model from outside the job
 * @param configHash {@link NetworkConfig#hash()} of the network the parameters belong to
 * @param params the parameters, float32, in the network's order
 * @param metrics the evaluation that justified publishing it, as JSON (may be empty)
 */
public record ModelUpdate(
        long version, long parentVersion, String configHash, long createdAt, float[] params, String metrics)
        implements Serializable {

    /**
     * This update as a network of {@code config} holds it: itself, or, for a version of the same
     * network in an earlier layout ({@link NetworkConfig#earlierLayout}), the same version in the
     * current one ({@link IntentNetwork#inCurrentLayout}). Anything else is returned as it is, for
     * {@link #problem} to refuse.
     */
    public ModelUpdate inLayoutOf(NetworkConfig config) {
        Optional<EarlierLayout> layout = config.earlierLayout(configHash);
        if (layout.isEmpty() || params == null) {
            return this;
        }
        try {
            return new ModelUpdate(version, parentVersion, config.hash(), createdAt, IntentNetwork.inCurrentLayout(config, layout.get(), params), metrics);
        } catch (IllegalArgumentException wrongLength) {
            return this;
        }
    }

    /**
     * Why a scorer running {@code config} must refuse this update, if it must: a different
     * network, a wrong length, a non-finite parameter, or a version not newer than the live one.
     */
    public Optional<String> problem(NetworkConfig config, long expectedParams, long liveVersion) {
        if (!config.hash().equals(configHash)) {
            return Optional.of("config hash " + configHash + " is not the scorer's " + config.hash());
        }
        if (params == null || params.length != expectedParams) {
            return Optional.of("expected " + expectedParams + " parameters, got " + (params == null ? "none" : params.length));
        }
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                return Optional.of("parameter " + i + " is " + params[i]);
            }
        }
        if (version <= liveVersion) {
            return Optional.of("version " + version + " is not newer than the live version " + liveVersion);
        }
        return Optional.empty();
    }
}
