package io.intentflow.model.training;

import io.intentflow.model.network.IntentNetwork;
import java.util.List;

/** AUC and log-loss of a network's score after the last event of each example. */
public record Evaluation(double auc, double logLoss, int examples) {

    public static Evaluation of(IntentNetwork network, List<LabelledSession> examples) {
        float[] raw = network.recomputeAll(examples.stream().map(LabelledSession::features).toList()).scores();
        double[] scores = new double[examples.size()];
        boolean[] labels = new boolean[examples.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = raw[i];
            labels[i] = examples.get(i).purchased();
        }
        return of(scores, labels);
    }

    public static Evaluation of(double[] scores, boolean[] labels) {
        return new Evaluation(Auc.of(scores, labels), logLoss(scores, labels), scores.length);
    }

    /** Mean binary cross-entropy, scores clipped to [1e-7, 1 - 1e-7]; NaN without examples. */
    public static double logLoss(double[] scores, boolean[] labels) {
        double loss = 0;
        for (int i = 0; i < scores.length; i++) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i]));
            loss += labels[i] ? -Math.log(p) : -Math.log(1 - p);
        }
        return scores.length == 0 ? Double.NaN : loss / scores.length;
    }

    /**
     * Whether this (a candidate) is not worse than {@code live}: in ranking, by more than
     * {@code aucMargin} of AUC (skipped when the examples hold one class only), and in
     * calibration, by more than {@code lossMargin} of log-loss, relative.
     */
    boolean isAtLeast(Evaluation live, double aucMargin, double lossMargin) {
        boolean ranks = Double.isNaN(auc) || Double.isNaN(live.auc) || auc >= live.auc - aucMargin;
        return ranks && logLoss <= live.logLoss * (1 + lossMargin);
    }
}
