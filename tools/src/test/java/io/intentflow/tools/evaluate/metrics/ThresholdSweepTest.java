package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** PR-AUC as scikit-learn's average precision, and the curves, on rankings worked by hand. */
class ThresholdSweepTest {

    // scikit-learn's average_precision_score documentation example: 0.83.
    private static final double[] SCORES = {0.1, 0.4, 0.35, 0.8};
    private static final boolean[] LABELS = {false, false, true, true};

    @Test
    void averagePrecisionOfScikitLearnsExample() {
        // Thresholds 0.8, 0.4, 0.35, 0.1: recall 1/2, 1/2, 1, 1 at precision 1, 1/2, 2/3, 1/2;
        // AP = 1/2 * 1 + 0 * 1/2 + 1/2 * 2/3 + 0 * 1/2 = 5/6.
        assertThat(ThresholdSweep.of(SCORES, LABELS).averagePrecision()).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void tiedScoresEnterTogether() {
        // Thresholds 0.9 (1 of 2 right), 0.5 (2 of 4), 0.1 (3 of 5); recall steps of 1/3 each:
        // AP = 1/3 * (1/2 + 1/2 + 3/5) = 8/15.
        double[] scores = {0.9, 0.9, 0.5, 0.5, 0.1};
        boolean[] labels = {true, false, true, false, true};
        assertThat(ThresholdSweep.of(scores, labels).averagePrecision()).isCloseTo(8.0 / 15, within(1e-12));
    }

    @Test
    void aPerfectRankingHasAveragePrecisionOne() {
        assertThat(ThresholdSweep.of(new double[] {0.9, 0.8, 0.2}, new boolean[] {true, true, false}).averagePrecision())
                .isEqualTo(1.0);
        assertThat(ThresholdSweep.of(new double[] {0.9, 0.8}, new boolean[] {false, false}).averagePrecision()).isNaN();
    }

    @Test
    void curvesStepThroughEveryThreshold() {
        ThresholdSweep sweep = ThresholdSweep.of(SCORES, LABELS);
        assertThat(sweep.roc()).containsExactly(
                new Point(0, 0), new Point(0, 0.5), new Point(0.5, 0.5), new Point(0.5, 1), new Point(1, 1));
        assertThat(sweep.precisionRecall()).containsExactly(
                new Point(0, 1), new Point(0.5, 1), new Point(0.5, 0.5), new Point(1, 2.0 / 3), new Point(1, 0.5));
    }
}
