package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AtThresholdTest {

    @Test
    void aScoreAtTheThresholdIsPredictedPositive() {
        double[] scores = {0.9, 0.8, 0.7, 0.2, 0.75};
        boolean[] labels = {true, false, true, true, false};
        AtThreshold at = AtThreshold.of(scores, labels, 0.7);
        assertThat(at.truePositives()).isEqualTo(2);
        assertThat(at.falsePositives()).isEqualTo(2);
        assertThat(at.falseNegatives()).isEqualTo(1);
        assertThat(at.precision()).isEqualTo(0.5);
        assertThat(at.recall()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(at.f1()).isCloseTo(4.0 / 7, within(1e-12));
    }

    @Test
    void nothingPredictedCountsAsZero() {
        AtThreshold at = AtThreshold.of(new double[] {0.1, 0.2}, new boolean[] {true, false}, 0.7);
        assertThat(at.precision()).isZero();
        assertThat(at.recall()).isZero();
        assertThat(at.f1()).isZero();
    }
}
