package io.intentflow;

import io.intentflow.model.network.NetworkConfig;
import org.apache.flink.runtime.execution.SuppressRestartsException;

/**
 * Refuses a model restored from a checkpoint or savepoint whose network is not the configured
 * one. Starting over from another model (or none) would silently throw away what the job
 * learned, so the job fails instead, without restarts: no retry can make the sizes agree.
 */
public final class RestoredModelCheck {

    private RestoredModelCheck() {}

    /**
     * @param holder which state holds the model, for the message
     * @throws SuppressRestartsException when {@code configHash} is not {@code configured}'s
     */
    public static void requireConfigured(String holder, long version, String configHash, NetworkConfig configured) {
        if (configured.hash().equals(configHash)) {
            return;
        }
        throw new SuppressRestartsException(
                new IllegalStateException(
                        "The restored state of the " + holder + " holds model version " + version
                                + " of network config hash " + configHash + ", but the job is configured for "
                                + configured + " (hash " + configured.hash() + "). Network sizes and features are"
                                + " part of a savepoint: start the job with the model.features, model.conv-channels,"
                                + " model.kernel and model.lstm-size it was taken with, or without the savepoint to"
                                + " start from model.path."));
    }
}
