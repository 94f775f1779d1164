package io.intentflow.score;

import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelUpdate;
import java.util.Optional;

/** The model version a scoring task runs now, and its network. Version 0: no model yet. */
final class LiveModel {

    private final IntentNetwork network;
    /** Volatile: the {@code modelVersion} gauge reads it from the metrics thread. */
    private volatile ModelUpdate live;

    LiveModel(NetworkConfig config) {
        this.network = IntentNetwork.create(config, 0);
    }

    /** Makes {@code update} live, or says why it must be refused; the live model stays then. */
    Optional<String> apply(ModelUpdate update) {
        ModelUpdate fitting = update.inLayoutOf(network.config());
        Optional<String> problem = fitting.problem(network.config(), network.numParams(), version());
        if (problem.isEmpty()) {
            network.setParams(fitting.params());
            live = fitting;
        }
        return problem;
    }

    /** The live update, in this network's layout; null before the first. */
    ModelUpdate update() {
        return live;
    }

    boolean isReady() {
        return live != null;
    }

    long version() {
        return live == null ? 0 : live.version();
    }

    IntentNetwork network() {
        return network;
    }
}
