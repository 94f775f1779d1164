package io.intentflow.tools.evaluate.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The reliability curve and the expected calibration error (Naeini et al. 2015; Guo et al. 2017):
 * scores in equal-width bins over [0, 1] (bin i holds [i/n, (i+1)/n), the last one includes 1);
 * ECE = sum over bins of (events in bin / events) * |positive rate - mean score|.
 */
public record Calibration(List<Bin> bins, double ece) {

    public static final int BINS = 10;

    /** One bin; its mean score and positive rate are NaN when it is empty. */
    public record Bin(double from, double to, int events, double meanScore, double positiveRate) {}

    public static Calibration of(double[] scores, boolean[] labels) {
        int[] events = new int[BINS];
        double[] scoreSums = new double[BINS];
        int[] positives = new int[BINS];
        for (int i = 0; i < scores.length; i++) {
            int bin = Math.min(BINS - 1, Math.max(0, (int) Math.floor(scores[i] * BINS)));
            events[bin]++;
            scoreSums[bin] += scores[i];
            positives[bin] += labels[i] ? 1 : 0;
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            double meanScore = events[b] == 0 ? Double.NaN : scoreSums[b] / events[b];
            double positiveRate = events[b] == 0 ? Double.NaN : (double) positives[b] / events[b];
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, events[b], meanScore, positiveRate));
            if (events[b] > 0) {
                ece += (double) events[b] / scores.length * Math.abs(positiveRate - meanScore);
            }
        }
        return new Calibration(List.copyOf(bins), scores.length == 0 ? Double.NaN : ece);
    }
}
