package io.intentflow.model.training;

import java.io.Serializable;

/**
 * @param replayCapacity examples kept in the replay reservoir
 * @param replayRatio replayed examples per fresh training example in a round
 * @param holdOutEvery every n-th fresh example is held back for the gate, never trained on
 * @param gateWindow how many of the most recent held-back examples the gate compares on
 * @param gateAucMargin how much lower the candidate's AUC may be and it still be published
 * @param gateLossMargin how much higher (relative) its log-loss may be
 * @param maxPositiveWeight cap on the positive class's weight
 * @param learningRate Adam's step size while fine-tuning
 */
public record FineTunerSettings(
        int replayCapacity,
        double replayRatio,
        int epochs,
        int batchSize,
        int holdOutEvery,
        int gateWindow,
        double gateAucMargin,
        double gateLossMargin,
        double maxPositiveWeight,
        double learningRate)
        implements Serializable {

    public static FineTunerSettings defaults() {
        return new FineTunerSettings(5000, 1.0, 2, 64, 5, 1000, 0.01, 0.02, 2.0, 5e-4);
    }
}
