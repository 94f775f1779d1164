package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.training.AveragePrecision;
import org.junit.jupiter.api.Test;

/** PR-AUC as scikit-learn's average precision, on rankings worked by hand, and weighted as a bootstrap replicate weighs it. */
class AveragePrecisionTest {

    @Test
    void averagePrecisionOfScikitLearnsExample() {
        // scikit-learn's average_precision_score documentation example: 0.83.
        // Thresholds 0.8, 0.4, 0.35, 0.1: recall 1/2, 1/2, 1, 1 at precision 1, 1/2, 2/3, 1/2;
        // AP = 1/2 * 1 + 0 * 1/2 + 1/2 * 2/3 + 0 * 1/2 = 5/6.
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] labels = {false, false, true, true};
        assertThat(new AveragePrecision(scores, labels).value()).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void tiedScoresEnterTogether() {
        // Thresholds 0.9 (1 of 2 right), 0.5 (2 of 4), 0.1 (3 of 5); recall steps of 1/3 each:
        // AP = 1/3 * (1/2 + 1/2 + 3/5) = 8/15.
        double[] scores = {0.9, 0.9, 0.5, 0.5, 0.1};
        boolean[] labels = {true, false, true, false, true};
        assertThat(new AveragePrecision(scores, labels).value()).isCloseTo(8.0 / 15, within(1e-12));
    }

    @Test
    void aPerfectRankingHasAveragePrecisionOne() {
        assertThat(new AveragePrecision(new double[] {0.9, 0.8, 0.2}, new boolean[] {true, true, false}).value()).isEqualTo(1.0);
        assertThat(new AveragePrecision(new double[] {0.9, 0.8}, new boolean[] {false, false}).value()).isNaN();
    }

    @Test
    void aWeightCountsAnExampleThatManyTimes() {
        double[] scores = {0.9, 0.7, 0.6, 0.3, 0.2};
        boolean[] labels = {false, true, false, true, true};
        double[] weights = {2, 0, 1, 3, 1};
        // The same ranking with each example repeated as often as it weighs (the 0.7 positive gone).
        double[] repeatedScores = {0.9, 0.9, 0.6, 0.3, 0.3, 0.3, 0.2};
        boolean[] repeatedLabels = {false, false, false, true, true, true, true};

        assertThat(new AveragePrecision(scores, labels).weighted(weights))
                .isCloseTo(new AveragePrecision(repeatedScores, repeatedLabels).value(), within(1e-12));
        assertThat(new AveragePrecision(scores, labels).weighted(new double[] {1, 0, 1, 0, 0})).as("no positive drawn").isNaN();
    }
}
