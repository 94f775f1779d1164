package io.intentflow.tools.evaluate.baselines;

import static io.intentflow.tools.evaluate.SessionUpdates.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.EventType;
import io.intentflow.model.features.UserContext;
import io.intentflow.model.features.UserFeatures;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.tools.evaluate.SessionUpdates;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionFeaturesTest {

    private static final long SECOND = 1000;
    private static final long HOUR = 3600 * SECOND;

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

    /** Under {@code model.features: user} the baselines see what the network sees of the user's history; without it, nothing. */
    @Test
    void theUsersHistoryWhereTheUpdateCarriesIt() {
        SessionSnapshot update = SessionUpdates.of(List.of(click("e1", "u1", EventType.VIEW, 10 * HOUR, "i1", "c1", 10))).get(0);
        UserContext history = new UserContext(3, 4 * HOUR, 120.0, 7, 9 * HOUR);

        double[] withHistory = SessionFeatures.of(update.withUser(history));
        double[] sessionOnly = SessionFeatures.of(update);

        assertThat(feature(withHistory, "user_log_orders")).isCloseTo(Math.log(4) / 3, within(1e-6));
        assertThat(feature(withHistory, "user_log_hours_since_order")).as("6 hours").isCloseTo(Math.log(7) / 8, within(1e-6));
        assertThat(feature(withHistory, "user_log_last_order_value")).isCloseTo(Math.log(121) / 6, within(1e-6));
        assertThat(feature(withHistory, "user_log_sessions")).isCloseTo(Math.log(8) / 4, within(1e-6));
        assertThat(feature(withHistory, "user_log_hours_since_session")).as("1 hour").isCloseTo(Math.log(2) / 8, within(1e-6));
        assertThat(Arrays.copyOfRange(withHistory, SessionFeatures.NAMES.size() - UserFeatures.FEATURES, withHistory.length))
                .as("the network's own user inputs").containsExactly(asDoubles(UserFeatures.of(history, update.trigger().ts())));
        assertThat(Arrays.copyOfRange(sessionOnly, SessionFeatures.NAMES.size() - UserFeatures.FEATURES, sessionOnly.length)).containsOnly(0.0);
        assertThat(Arrays.copyOf(withHistory, withHistory.length - UserFeatures.FEATURES))
                .as("the session's aggregates do not change").containsExactly(Arrays.copyOf(sessionOnly, sessionOnly.length - UserFeatures.FEATURES));
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

    private static double[] asDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static double feature(double[] x, String name) {
        return x[SessionFeatures.NAMES.indexOf(name)];
    }
}
