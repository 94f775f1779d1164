package io.intentflow.model.training;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Area under the ROC curve: the probability that a positive outranks a negative, ties counted
 * half (the Mann-Whitney statistic). The examples are sorted once, so that many weightings of
 * them (bootstrap replicates) cost one pass each.
 */
public final class Auc {

    private final double[] scores;
    private final boolean[] positive;
    private final int[] ascending;

    public Auc(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException(scores.length + " scores for " + positive.length + " labels");
        }
        this.scores = scores;
        this.positive = positive;
        this.ascending = ascending(scores);
    }

    /** The indices of {@code scores}, lowest score first. */
    static int[] ascending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** NaN when only one class is present. */
    public static double of(double[] scores, boolean[] positive) {
        return new Auc(scores, positive).value();
    }

    /** NaN when only one class is present. */
    public double value() {
        return weighted(null);
    }

    /**
     * The AUC with example {@code i} counted {@code weights[i]} times (a bootstrap replicate
     * draws these); NaN when either class weighs nothing. {@code null} counts each once.
     */
    public double weighted(double[] weights) {
        double negativesBelow = 0;
        double positives = 0;
        double pairs = 0;
        for (int start = 0; start < ascending.length; ) {
            int end = start;
            double tiedPositives = 0;
            double tiedNegatives = 0;
            while (end < ascending.length && scores[ascending[end]] == scores[ascending[start]]) {
                int i = ascending[end++];
                double w = weights == null ? 1 : weights[i];
                if (positive[i]) {
                    tiedPositives += w;
                } else {
                    tiedNegatives += w;
                }
            }
            pairs += tiedPositives * (negativesBelow + tiedNegatives / 2);
            negativesBelow += tiedNegatives;
            positives += tiedPositives;
            start = end;
        }
        if (positives == 0 || negativesBelow == 0) {
            return Double.NaN;
        }
        return pairs / (positives * negativesBelow);
    }
}
