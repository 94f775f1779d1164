package io.intentflow.tools.evaluate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.tools.evaluate.metrics.ValueAccuracy.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueAccuracyTest {

    @Test
    void measuresTheModelAndTheBaselineOnTheSameSessions() {
        ValueAccuracy accuracy = ValueAccuracy.of(List.of(
                new Prediction(10, 12, 50),
                new Prediction(40, 35, 50),
                new Prediction(90, 100, 50),
                new Prediction(Double.NaN, 80, 50))).orElseThrow();

        assertThat(accuracy.sessions()).as("a session without a prediction is left out").isEqualTo(3);
        assertThat(accuracy.mae()).isCloseTo((2 + 5 + 10) / 3.0, within(1e-9));
        assertThat(accuracy.spearman()).as("the same order").isCloseTo(1.0, within(1e-9));
        assertThat(accuracy.baselineMae()).isCloseTo((38 + 15 + 50) / 3.0, within(1e-9));
        assertThat(accuracy.baselineSpearman()).as("a constant ranks nothing").isNaN();
    }

    @Test
    void ranksTiesByTheirMeanRank() {
        assertThat(ValueAccuracy.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 2, 3, 4})).isCloseTo(0.9487, within(1e-4));
        assertThat(ValueAccuracy.spearman(new double[] {3, 2, 1}, new double[] {1, 2, 3})).isCloseTo(-1.0, within(1e-9));
    }

    @Test
    void withoutAmountsThereIsNothingToMeasure() {
        assertThat(ValueAccuracy.of(List.of(new Prediction(Double.NaN, Double.NaN, Double.NaN)))).isEmpty();
        assertThat(ValueAccuracy.of(List.of())).isEmpty();
    }
}
