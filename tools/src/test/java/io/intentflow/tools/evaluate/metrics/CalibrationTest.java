package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void expectedCalibrationErrorOfAWorkedExample() {
        double[] scores = {0.05, 0.15, 0.15, 0.85, 0.95};
        boolean[] labels = {false, false, true, true, true};
        Calibration calibration = Calibration.of(scores, labels);
        // Bins [0, 0.1): |0 - 0.05|, [0.1, 0.2): |0.5 - 0.15| twice, [0.8, 0.9): |1 - 0.85|, [0.9, 1]: |1 - 0.95|;
        // ECE = (0.05 + 2 * 0.35 + 0.15 + 0.05) / 5 = 0.19.
        assertThat(calibration.ece()).isCloseTo(0.19, within(1e-12));
        assertThat(calibration.bins()).hasSize(10);
        Calibration.Bin second = calibration.bins().get(1);
        assertThat(second.events()).isEqualTo(2);
        assertThat(second.meanScore()).isCloseTo(0.15, within(1e-12));
        assertThat(second.positiveRate()).isEqualTo(0.5);
        assertThat(calibration.bins().get(5).events()).isZero();
        assertThat(calibration.bins().get(5).meanScore()).isNaN();
    }

    @Test
    void aScoreOfOneFallsInTheLastBin() {
        Calibration calibration = Calibration.of(new double[] {1.0, 0.0}, new boolean[] {true, false});
        assertThat(calibration.bins().get(9).events()).isEqualTo(1);
        assertThat(calibration.bins().get(0).events()).isEqualTo(1);
        assertThat(calibration.ece()).isZero();
    }
}
