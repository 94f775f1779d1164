package io.intentflow.tools.evaluate.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every distinct score taken as the threshold, from the highest down (tied scores enter
 * together): the true and false positives at each, and from them the ROC curve and the
 * precision-recall curve (its area: {@link io.intentflow.model.training.AveragePrecision}).
 */
public final class ThresholdSweep {

    private final long[] truePositives;
    private final long[] falsePositives;
    private final long positives;
    private final long negatives;

    private ThresholdSweep(long[] truePositives, long[] falsePositives) {
        this.truePositives = truePositives;
        this.falsePositives = falsePositives;
        int last = truePositives.length - 1;
        this.positives = last < 0 ? 0 : truePositives[last];
        this.negatives = last < 0 ? 0 : falsePositives[last];
    }

    public static ThresholdSweep of(double[] scores, boolean[] labels) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> -scores[i]));
        long[] tp = new long[scores.length];
        long[] fp = new long[scores.length];
        int thresholds = 0;
        long tpSoFar = 0;
        long fpSoFar = 0;
        for (int k = 0; k < order.length; k++) {
            if (labels[order[k]]) {
                tpSoFar++;
            } else {
                fpSoFar++;
            }
            if (k == order.length - 1 || scores[order[k + 1]] != scores[order[k]]) {
                tp[thresholds] = tpSoFar;
                fp[thresholds] = fpSoFar;
                thresholds++;
            }
        }
        return new ThresholdSweep(Arrays.copyOf(tp, thresholds), Arrays.copyOf(fp, thresholds));
    }

    /** (false positive rate, true positive rate) from (0, 0) to (1, 1); empty with one class only. */
    public List<Point> roc() {
        List<Point> points = new ArrayList<>();
        if (positives == 0 || negatives == 0) {
            return points;
        }
        points.add(new Point(0, 0));
        for (int k = 0; k < truePositives.length; k++) {
            points.add(new Point((double) falsePositives[k] / negatives, (double) truePositives[k] / positives));
        }
        return points;
    }

    /** (recall, precision), starting at recall 0 with the first threshold's precision; empty without positives. */
    public List<Point> precisionRecall() {
        List<Point> points = new ArrayList<>();
        if (positives == 0) {
            return points;
        }
        points.add(new Point(0, precision(0)));
        for (int k = 0; k < truePositives.length; k++) {
            points.add(new Point((double) truePositives[k] / positives, precision(k)));
        }
        return points;
    }

    private double precision(int k) {
        return (double) truePositives[k] / (truePositives[k] + falsePositives[k]);
    }
}
