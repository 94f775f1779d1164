package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ROC and precision-recall curves, on a ranking worked by hand. */
class ThresholdSweepTest {

    // scikit-learn's average_precision_score documentation example.
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final boolean[] LABELS = {false, false, true, true};

    @Test
    void curvesStepThroughEveryThreshold() {
        ThresholdSweep sweep = ThresholdSweep.of(SCORES, LABELS);
        assertThat(sweep.roc()).containsExactly(
                new Point(0, 0), new Point(0, 0.5), new Point(0.5, 0.5), new Point(0.5, 1), new Point(1, 1));
        assertThat(sweep.precisionRecall()).containsExactly(
                new Point(0, 1), new Point(0.5, 1), new Point(0.5, 0.5), new Point(1, 2.0 / 3), new Point(1, 0.5));
    }
}
