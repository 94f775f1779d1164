package io.intentflow.model.training;

/**
 * The area under the precision-recall curve as average precision, scikit-learn's {@code
 * average_precision_score}: the sum over thresholds (every distinct score, from the highest down,
 * tied scores entering together) of (recall gained) * precision, a step function, never
 * interpolated (the trapezoid over-states it where precision jumps). The examples are sorted
 * once, so that many weightings of them (bootstrap replicates) cost one pass each, as {@link Auc}
 * does for the AUC.
 */
public final class AveragePrecision {

    private final double[] scores;
    private final boolean[] positive;
    /** The examples by score, lowest first: walked from the end. */
    private final int[] ascending;

    public AveragePrecision(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        this.scores = scores;
        this.positive = positive;
        this.ascending = Auc.ascending(scores);
    }

    /** NaN without positives. */
    public double value() {
        return weighted(null);
    }

    /**
     * The average precision with example {@code i} counted {@code weights[i]} times; NaN when the
     * positives weigh nothing. {@code null} counts each once.
     */
    public double weighted(double[] weights) {
        double positives = 0;
        for (int i = 0; i < positive.length; i++) {
            positives += positive[i] ? (weights == null ? 1 : weights[i]) : 0;
        }
        if (positives == 0) {
            return Double.NaN;
        }
        double truePositives = 0;
        double selected = 0;
        double sum = 0;
        for (int start = ascending.length - 1; start >= 0; ) {
            int end = start;
            double gained = 0;
            while (end >= 0 && scores[ascending[end]] == scores[ascending[start]]) {
                int i = ascending[end--];
                double w = weights == null ? 1 : weights[i];
                selected += w;
                gained += positive[i] ? w : 0;
            }
            truePositives += gained;
            if (gained > 0) {
                sum += gained / positives * (truePositives / selected);
            }
            start = end;
        }
        return sum;
    }
}
