package io.intentflow.score;

import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.RecurrentState;

/**
 * What the scorer keeps per open session: the network's carried state after the session's
 * {@code events}-th event, the model version that computed it, and the score it gave.
 */
public record SessionScoringState(
        long modelVersion, int events, long lastTs, float[] hidden, float[] cell, float[] window, float lastScore) {

    static SessionScoringState of(long modelVersion, int events, long lastTs, RecurrentState state, float score) {
        return new SessionScoringState(modelVersion, events, lastTs, state.hidden(), state.cell(), state.window(), score);
    }

    /** Whether the state is of {@code config}'s layout: one restored from an earlier layout's savepoint is recomputed. */
    boolean fits(NetworkConfig config) {
        return window.length == RecurrentState.windowLength(config);
    }

    RecurrentState recurrent() {
        return new RecurrentState(hidden, cell, window);
    }
}
