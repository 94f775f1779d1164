package io.intentflow.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoreStabilityTest {

    private static void add(ScoreStability stability, SplittableRandom random, int count, double from, double to) {
        for (int i = 0; i < count; i++) {
            stability.add((float) (from + random.nextDouble() * (to - from)));
        }
    }

    @Test
    void theSameDistributionIsStableAndNothingIsSaidBeforeBothWindowsAreFull() {
        ScoreStability stability = new ScoreStability(1000);
        SplittableRandom random = new SplittableRandom(1);
        add(stability, random, 1500, 0, 0.6);
        assertThat(stability.psi()).as("the live window is not full yet").isZero();
        add(stability, random, 5000, 0, 0.6);
        assertThat(stability.psi()).isLessThan(0.1);
    }

    @Test
    void scoresMovingUpAreALargeShiftUntilANewReferenceIsTaken() {
        ScoreStability stability = new ScoreStability(1000);
        SplittableRandom random = new SplittableRandom(2);
        add(stability, random, 2000, 0, 0.4);
        add(stability, random, 600, 0.3, 1.0);
        assertThat(stability.psi()).as("60% of the window shifted").isGreaterThan(0.25);

        stability.newReference();
        add(stability, random, 2000, 0.3, 1.0);
        assertThat(stability.psi()).isLessThan(0.1);
    }
}
