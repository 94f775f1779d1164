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
    void tiesBetweenClassesCountHalf() {
        // Pairs (positive, negative): (0.5, 0.2) wins, (0.5, 0.5) ties, (0.9, 0.2) and (0.9, 0.5) win: 3.5 / 4.
        double[] scores = {0.2, 0.5, 0.5, 0.9};
        boolean[] labels = {false, false, true, true};
        assertThat(Auc.of(scores, labels)).isCloseTo(0.875, within(1e-12));
    }

    @Test
    void weightsCountAnExampleThatManyTimes() {
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] labels = {false, false, true, true};
        // The negative at 0.4 drawn twice, the positive at 0.8 left out: the sample 0.1-, 0.4-, 0.4-, 0.35+.
        double weighted = new Auc(scores, labels).weighted(new double[] {1, 2, 1, 0});
        assertThat(weighted).isCloseTo(Auc.of(new double[] {0.1, 0.4, 0.4, 0.35}, new boolean[] {false, false, false, true}), within(1e-12));
        assertThat(weighted).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void isUndefinedForOneClass() {
        assertThat(Auc.of(new double[] {0.1, 0.2}, new boolean[] {true, true})).isNaN();
        assertThat(new Auc(new double[] {0.1, 0.2}, new boolean[] {true, false}).weighted(new double[] {1, 0})).isNaN();
    }
}
