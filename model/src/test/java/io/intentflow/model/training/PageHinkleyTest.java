package io.intentflow.model.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PageHinkleyTest {

    /** Log-loss of a model scoring p for examples that are positive with probability q. */
    private static double loss(SplittableRandom random, double p, double q) {
        return random.nextDouble() < q ? -Math.log(p) : -Math.log(1 - p);
    }

    @Test
    void aStationaryLossRaisesNoAlarm() {
        PageHinkley test = new PageHinkley(0.05, 50, 30);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            assertThat(test.add(loss(random, 0.2, 0.2))).as("value " + i).isFalse();
        }
    }

    @Test
    void aRiseInTheLossIsSignalledWithinAFewHundredValuesAndThenTheNewLevelIsTheReference() {
        PageHinkley test = new PageHinkley(0.05, 50, 30);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 5_000; i++) {
            assertThat(test.add(loss(random, 0.2, 0.2))).isFalse();
        }
        // The behaviour changed: the model still says 0.2 where half the examples are positive now.
        int until = 0;
        while (!test.add(loss(random, 0.2, 0.5)) && until < 10_000) {
            until++;
        }
        assertThat(until).as("values after the change until it is signalled").isBetween(1, 400);
        int more = 0;
        for (int i = 0; i < 20_000; i++) {
            more += test.add(loss(random, 0.2, 0.5)) ? 1 : 0;
        }
        assertThat(more).as("the new level raises no further alarm").isZero();
    }

    @Test
    void aFallingLossIsNoAlarm() {
        PageHinkley test = new PageHinkley(0.05, 50, 30);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            assertThat(test.add(loss(random, i < 5_000 ? 0.5 : 0.1, 0.1))).isFalse();
        }
    }
}
