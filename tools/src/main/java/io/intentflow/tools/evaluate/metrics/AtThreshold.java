package io.intentflow.tools.evaluate.metrics;

/**
 * Precision, recall and F1 of the decision "score at or above the threshold" (the job's
 * {@code high} band at {@code score.band.high}). A ratio with nothing to count is 0, as
 * scikit-learn's {@code zero_division=0}.
 */
public record AtThreshold(double threshold, long truePositives, long falsePositives, long falseNegatives) {

    public static AtThreshold of(double[] scores, boolean[] labels, double threshold) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= threshold;
            if (predicted && labels[i]) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (labels[i]) {
                fn++;
            }
        }
        return new AtThreshold(threshold, tp, fp, fn);
    }

    public double precision() {
        return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
        return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
