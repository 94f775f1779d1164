package io.intentflow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.features.UserContext;
import io.intentflow.model.features.UserHistory;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.network.NetworkConfig.EarlierLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The user's history as inputs: kept event by event, featurized beside the session's. */
class UserFeaturesTest {

    private static final long DAY1 = Instant.parse("2024-05-01T12:00:00Z").toEpochMilli();
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static SessionEvent view(String id, long ts) {
        return new SessionEvent(id, EventType.VIEW, ts, "i-" + id, "c1", 10.0);
    }

    private static SessionEvent purchase(String id, long ts, double value) {
        return new SessionEvent(id, EventType.PURCHASE, ts, null, null, value);
    }

    /** The history after {@code sessions}, each a list of events, folded as the sessionizer folds them. */
    private static UserHistory fold(List<List<SessionEvent>> sessions) {
        UserHistory history = UserHistory.NONE;
        for (List<SessionEvent> session : sessions) {
            for (SessionEvent event : session) {
                history = history.observe(session.get(0).ts(), event);
            }
        }
        return history;
    }

    /** Two earlier sessions, each with an order (the second of 120.0, three days before the third session). */
    private final UserHistory twoOrders =
            fold(List.of(
                    List.of(view("a1", DAY1), purchase("a2", DAY1 + 60_000, 45.0)),
                    List.of(view("b1", DAY1 + 24 * HOUR), view("b2", DAY1 + 24 * HOUR + 60_000),
                            purchase("b3", DAY1 + 24 * HOUR + 120_000, 120.0)),
                    List.of(view("c1", DAY1 + 96 * HOUR))));

    private final List<SessionEvent> thirdSession = List.of(view("c1", DAY1 + 96 * HOUR), view("c2", DAY1 + 98 * HOUR));

    @Test
    void aSessionSeesTheOrdersAndSessionsBeforeItNotItsOwn() {
        UserContext context = twoOrders.newest();

        assertThat(context.orders()).isEqualTo(2);
        assertThat(context.lastOrderTs()).isEqualTo(DAY1 + 24 * HOUR + 120_000);
        assertThat(context.lastOrderValue()).isEqualTo(120.0);
        assertThat(context.sessions()).isEqualTo(2);
        assertThat(context.lastSessionTs()).as("the previous session's last event").isEqualTo(DAY1 + 24 * HOUR + 120_000);

        UserHistory buysNow = twoOrders.observe(DAY1 + 96 * HOUR, purchase("c3", DAY1 + 97 * HOUR, 9.0));
        assertThat(buysNow.newest()).as("a purchase in the session is history for the next one only").isEqualTo(context);
        assertThat(buysNow.orders()).isEqualTo(3);
    }

    @Test
    void aUserWithTwoOrdersHasThemAsInputsTimedFromEachEvent() {
        float[][] x = FeatureSet.USER.featurize(thirdSession, 0, twoOrders.newest());

        assertThat(x[0]).hasSize(30);
        assertThat(x[0][25]).isCloseTo((float) (Math.log1p(2) / 3), within(1e-6f));
        double hoursSinceOrder = (96 * HOUR - 24 * HOUR - 120_000) / (double) HOUR;
        assertThat(x[0][26]).isCloseTo((float) (Math.log1p(hoursSinceOrder) / 8), within(1e-6f));
        assertThat(x[1][26]).as("two hours later").isCloseTo((float) (Math.log1p(hoursSinceOrder + 2) / 8), within(1e-6f));
        assertThat(x[0][27]).isCloseTo((float) (Math.log1p(120.0) / 6), within(1e-6f));
        assertThat(x[0][28]).isCloseTo((float) (Math.log1p(2) / 4), within(1e-6f));
        assertThat(x[0][29]).isCloseTo((float) (Math.log1p(hoursSinceOrder) / 8), within(1e-6f));
        assertThat(FeatureSet.USER.featurizeLast(thirdSession, 0, twoOrders.newest())).containsExactly(x[1]);
    }

    @Test
    void aNewUserHasNoHistoryAndTheSessionsInputsUnchanged() {
        UserHistory first = UserHistory.NONE.observe(DAY1, view("n1", DAY1));
        assertThat(first.newest()).isEqualTo(UserContext.NEW);

        float[][] session = EventFeaturizer.featurize(thirdSession, 0);
        float[][] user = FeatureSet.USER.featurize(thirdSession, 0, first.newest());
        for (int i = 0; i < session.length; i++) {
            assertThat(Arrays.copyOf(user[i], EventFeaturizer.FEATURES)).containsExactly(session[i]);
            assertThat(Arrays.copyOfRange(user[i], EventFeaturizer.FEATURES, EventFeaturizer.FEATURES + 5)).containsOnly(0f);
        }
        assertThat(FeatureSet.USER.featurize(thirdSession, 0, null)).as("no history reads as new").isDeepEqualTo(user);
    }

    @Test
    void eventsOfAnOlderOrMergedSessionKeepTheNewestSessionsContext() {
        UserHistory late = twoOrders.observe(DAY1 + 24 * HOUR, view("b0", DAY1 + 24 * HOUR - 60_000));

        assertThat(late.sessions()).isEqualTo(3);
        assertThat(late.newest()).isEqualTo(twoOrders.newest());
    }

    @Test
    void theSessionFeaturesAreWhatTheyWereAndEarlierHashesAreKnown() {
        assertThat(FeatureSet.SESSION.featurize(thirdSession, 3, twoOrders.newest())).isDeepEqualTo(EventFeaturizer.featurize(thirdSession, 3));
        assertThat(NetworkConfig.defaults().earlierLayout("9a5e87fce1ec9719")).as("every model and savepoint before the value head")
                .contains(EarlierLayout.FEATURES_V1_INTENT_ONLY);
        assertThat(NetworkConfig.defaults().earlierLayout("6a03832388883479")).as("every one since, before the purchase count")
                .contains(EarlierLayout.FEATURES_V1);
        assertThat(NetworkConfig.defaults().hash()).isNotIn("9a5e87fce1ec9719", "6a03832388883479");
        assertThat(NetworkConfig.defaults().withFeatures(FeatureSet.USER).earlierLayout("6a03832388883479")).isEmpty();
        assertThat(NetworkConfig.defaults().withFeatures(FeatureSet.USER).features()).isEqualTo(30);
    }

    @Test
    void anUnknownFeatureSetNamesTheValidOnes() {
        assertThat(FeatureSet.of(" User ")).isEqualTo(FeatureSet.USER);
        assertThatThrownBy(() -> FeatureSet.of("clicks")).hasMessageContaining("clicks").hasMessageContaining("[session, user]");
    }
}
