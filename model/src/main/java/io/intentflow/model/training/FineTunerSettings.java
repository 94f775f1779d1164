package io.intentflow.model.training;

import java.io.Serializable;

/**
 * @param replayCapacity examples kept in the replay reservoir
 * @param replayRatio replayed examples per fresh training example in a round
 * @param holdOutEvery every n-th fresh example is held back for the gate, not trained on
 * @param gateAucMargin how much lower the candidate's AUC may be and it still be published
 * @param gateLossMargin how much higher (relative) its log-loss may be
 * @param maxPositiveWeight cap on the positive class's weight
 */
public record FineTunerSettings(
        int replayCapacity,
        double replayRatio,
        int epochs,
        int batchSize,
        int holdOutEvery,
        double gateAucMargin,
        double gateLossMargin,
        double maxPositiveWeight)
        implements Serializable {

    public static FineTunerSettings defaults() {
        return new FineTunerSettings(5000, 1.0, 2, 64, 5, 0.01, 0.05, 3.0);
    }
}
