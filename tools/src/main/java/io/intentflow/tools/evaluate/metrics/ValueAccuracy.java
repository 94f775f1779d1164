package io.intentflow.tools.evaluate.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * How well the value head predicts what a purchasing session's order is worth: mean absolute
 * error and Spearman's rank correlation of the predicted against the realised order value, for
 * the model and for the baseline ({@code OrderValues}: the user's, else the shop's, running mean),
 * over the same sessions.
 */
public record ValueAccuracy(double mae, double spearman, double baselineMae, double baselineSpearman, int sessions) {

    /**
     * One purchasing session, as of its last scored event before the purchase.
     *
     * @param predicted the value head's order value given a purchase (the score's {@code value}
     *     over its {@code score})
     * @param realised the amount of the purchase that followed
     * @param baseline the running mean order value at that time
     */
    public record Prediction(double predicted, double realised, double baseline) {}

    /** Empty when no session has all three numbers (data without amounts, or an untrained value head). */
    public static Optional<ValueAccuracy> of(List<Prediction> predictions) {
        List<Prediction> known = predictions.stream()
                .filter(p -> Double.isFinite(p.predicted()) && Double.isFinite(p.realised()) && Double.isFinite(p.baseline()))
                .toList();
        if (known.isEmpty()) {
            return Optional.empty();
        }
        double[] predicted = known.stream().mapToDouble(Prediction::predicted).toArray();
        double[] baseline = known.stream().mapToDouble(Prediction::baseline).toArray();
        double[] realised = known.stream().mapToDouble(Prediction::realised).toArray();
        return Optional.of(new ValueAccuracy(
                meanAbsoluteError(predicted, realised), spearman(predicted, realised),
                meanAbsoluteError(baseline, realised), spearman(baseline, realised), known.size()));
    }

    static double meanAbsoluteError(double[] predicted, double[] actual) {
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(predicted[i] - actual[i]);
        }
        return sum / actual.length;
    }

    /** Pearson's correlation of the ranks (ties share their mean rank); NaN when either side is constant. */
    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double meanA = Arrays.stream(ra).average().orElse(Double.NaN);
        double meanB = Arrays.stream(rb).average().orElse(Double.NaN);
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < ra.length; i++) {
            cov += (ra[i] - meanA) * (rb[i] - meanB);
            varA += (ra[i] - meanA) * (ra[i] - meanA);
            varB += (rb[i] - meanB) * (rb[i] - meanB);
        }
        return varA == 0 || varB == 0 ? Double.NaN : cov / Math.sqrt(varA * varB);
    }

    private static double[] ranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double mean = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                ranks[order[k]] = mean;
            }
            start = end + 1;
        }
        return ranks;
    }
}
