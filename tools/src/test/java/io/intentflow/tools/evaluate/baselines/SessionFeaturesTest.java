package io.intentflow.tools.evaluate.baselines;

import static io.intentflow.tools.evaluate.SessionUpdates.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.EventType;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.evaluate.SessionUpdates;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionFeaturesTest {

    private static final long SECOND = 1000;

    @Test
    void aggregatesOfTheSessionSoFar() {
        List<SessionSnapshot> updates = SessionUpdates.of(List.of(
                click("e1", "u1", EventType.VIEW, 0, "i1", "c1", 10),
                click("e2", "u1", EventType.SEARCH, 30 * SECOND, null, null, 0),
                click("e3", "u1", EventType.ADD_TO_CART, 60 * SECOND, "i2", "c2", 20),
                click("e4", "u1", EventType.ADD_TO_CART, 90 * SECOND, "i3", "c2", 5),
                click("e5", "u1", EventType.REMOVE_FROM_CART, 100 * SECOND, "i3", "c2", 5),
                click("e6", "u1", EventType.CHECKOUT_START, 160 * SECOND, "i2", "c2", 20)));
        double[] x = SessionFeatures.of(updates.get(5));

        assertThat(x).hasSize(SessionFeatures.NAMES.size());
        assertThat(feature(x, "log_count_view")).isCloseTo(Math.log(2), within(1e-12));
        assertThat(feature(x, "log_count_add_to_cart")).isCloseTo(Math.log(3), within(1e-12));
        assertThat(feature(x, "log_count_purchase")).isZero();
        assertThat(feature(x, "log_events_seen")).isCloseTo(Math.log(7), within(1e-12));
        assertThat(feature(x, "log_cart_items")).as("two adds, one removal").isCloseTo(Math.log(2), within(1e-12));
        assertThat(feature(x, "log_cart_value")).isCloseTo(Math.log(21), within(1e-12));
        assertThat(feature(x, "log_duration_s")).isCloseTo(Math.log(161), within(1e-12));
        assertThat(feature(x, "log_distinct_items")).isCloseTo(Math.log(4), within(1e-12));
        assertThat(feature(x, "log_distinct_categories")).isCloseTo(Math.log(3), within(1e-12));
        assertThat(feature(x, "log_seconds_since_previous")).isCloseTo(Math.log(61), within(1e-12));
        assertThat(feature(x, "searched")).isEqualTo(1);
        assertThat(feature(x, "checkout_started")).isEqualTo(1);
        assertThat(feature(x, "event_is_checkout_start")).isEqualTo(1);
        assertThat(feature(x, "event_is_view")).isZero();

        double[] first = SessionFeatures.of(updates.get(0));
        assertThat(feature(first, "log_seconds_since_previous")).as("nothing before the first event").isZero();
        assertThat(feature(first, "searched")).isZero();
    }

    @Test
    void theHeuristicRanksCheckoutOverCartOverBrowsing() {
        List<SessionSnapshot> updates = SessionUpdates.of(List.of(
                click("e1", "u1", EventType.VIEW, 0, "i1", "c1", 10),
                click("e2", "u1", EventType.ADD_TO_CART, SECOND, "i1", "c1", 10),
                click("e3", "u1", EventType.REMOVE_FROM_CART, 2 * SECOND, "i1", "c1", 10),
                click("e4", "u1", EventType.ADD_TO_CART, 3 * SECOND, "i1", "c1", 10),
                click("e5", "u1", EventType.CHECKOUT_START, 4 * SECOND, "i1", "c1", 10)));
        assertThat(updates.stream().map(CartRule::score)).containsExactly(0.05, 0.4, 0.05, 0.4, 0.8);
    }

    private static double feature(double[] x, String name) {
        return x[SessionFeatures.NAMES.indexOf(name)];
    }
}
