package io.intentflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.intentflow.tools.generate.BehaviourModel.Context;
import io.intentflow.tools.generate.BehaviourModel.Transitions;
import io.intentflow.model.EventType;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The session's Markov chain: what the cart allows, and what intent changes. */
class BehaviourModelTest {

    private static final BehaviourModel MODEL = BehaviourModel.standard();
    private static final Context CART_AT_CHECKOUT = new Context(EventType.CHECKOUT_START, false, false, false);

    @Test
    void probabilitiesSumToOneEverywhere() {
        for (EventType last : EventType.values()) {
            for (double intent : new double[] {0, 0.3, 1}) {
                for (int flags = 0; flags < 8; flags++) {
                    Transitions t = MODEL.transitions(intent, new Context(last, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0));
                    double sum = t.leave() + Arrays.stream(EventType.values()).mapToDouble(t::probability).sum();
                    assertThat(sum).isCloseTo(1.0, offset(1e-9));
                }
            }
        }
    }

    @Test
    void aSessionHasAFirstEventAndItIsAViewOrASearch() {
        Transitions start = MODEL.transitions(0.5, new Context(null, false, false, true));
        assertThat(start.leave()).isZero();
        assertThat(start.probability(EventType.VIEW) + start.probability(EventType.SEARCH)).isCloseTo(1.0, offset(1e-9));
    }

    @Test
    void purchasesNeedACheckoutAndACart() {
        assertThat(MODEL.transitions(1, new Context(EventType.VIEW, true, true, false)).probability(EventType.PURCHASE)).isZero();
        Transitions emptyCart = MODEL.transitions(1, new Context(EventType.CHECKOUT_START, false, false, true));
        assertThat(emptyCart.probability(EventType.PURCHASE)).isZero();
        assertThat(emptyCart.probability(EventType.REMOVE_FROM_CART)).isZero();
        assertThat(MODEL.transitions(1, new Context(EventType.VIEW, false, false, true)).probability(EventType.ADD_TO_CART)).isZero();
    }

    @Test
    void intentDrivesCartsCheckoutsAndPurchases() {
        assertThat(MODEL.transitions(0.9, CART_AT_CHECKOUT).probability(EventType.PURCHASE))
                .isGreaterThan(3 * MODEL.transitions(0.1, CART_AT_CHECKOUT).probability(EventType.PURCHASE));
        Context viewing = new Context(EventType.VIEW, true, true, true);
        assertThat(MODEL.transitions(0.9, viewing).probability(EventType.ADD_TO_CART))
                .isGreaterThan(3 * MODEL.transitions(0.1, viewing).probability(EventType.ADD_TO_CART));
        assertThat(MODEL.transitions(0.9, viewing).leave()).isLessThan(MODEL.transitions(0.1, viewing).leave());
    }

    @Test
    void samplingFollowsTheProbabilitiesOfStaying() {
        Transitions t = MODEL.transitions(0.6, CART_AT_CHECKOUT);
        SplittableRandom random = new SplittableRandom(5);
        Map<EventType, Integer> counts = new EnumMap<>(EventType.class);
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            counts.merge(t.nextIfStaying(random), 1, Integer::sum);
        }
        for (EventType type : EventType.values()) {
            double expected = t.probability(type) / (1 - t.leave());
            assertThat(counts.getOrDefault(type, 0) / (double) draws).as("%s", type).isCloseTo(expected, offset(0.01));
        }
    }

    @Test
    void aTableMustAllowAViewFromEveryRow() {
        double[][] table = new double[8][8];
        assertThatThrownBy(() -> new BehaviourModel(table, table)).isInstanceOf(IllegalArgumentException.class);
    }
}
