package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.training.Auc;
import org.junit.jupiter.api.Test;

class AucTest {

    @Test
    void perfectRandomAndInvertedRankings() {
        boolean[] labels = {false, false, true, true};
        assertThat(Auc.of(new double[] {0.1, 0.2, 0.8, 0.9}, labels)).isEqualTo(1.0);
        assertThat(Auc.of(new double[] {0.9, 0.8, 0.2, 0.1}, labels)).isEqualTo(0.0);
        assertThat(Auc.of(new double[] {0.5, 0.5, 0.5, 0.5}, labels)).isEqualTo(0.5);
        assertThat(Auc.of(new double[] {0.1, 0.4, 0.35, 0.8}, labels)).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void isUndefinedForOneClass() {
        assertThat(Auc.of(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
    }
}
