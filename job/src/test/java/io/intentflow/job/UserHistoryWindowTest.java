package io.intentflow.job;

import static io.intentflow.Clicks.click;
import static io.intentflow.Clicks.minutes;
import static io.intentflow.Clicks.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.OperatorIds;
import io.intentflow.job.config.JobSettings;
import io.intentflow.model.EventType;
import io.intentflow.model.features.UserContext;
import io.intentflow.records.Click;
import io.intentflow.records.SessionSnapshot;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The session window exactly as {@link IntentflowJob} wires it under {@code model.features: user}
 * (taken from the job's graph by its uid), on RocksDB: every update carries the user's history
 * before its session, and that history is keyed state with a TTL that survives savepoints.
 */
class UserHistoryWindowTest {

    private static final Duration TTL = Duration.ofDays(30);

    private KeyedOneInputStreamOperatorTestHarness<String, Click, SessionSnapshot> harness;

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    /** The job's sessionizer under {@code features}, restored from {@code state} if given, TTL clock at {@code ttlNow}. */
    @SuppressWarnings("unchecked")
    private void open(String features, OperatorSubtaskState state, long ttlNow) throws Exception {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "127.0.0.1:9");
        config.put("model.features", features);
        config.put("model.user-history-ttl", TTL.toDays() + " d");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        IntentflowJob.onKafka(JobSettings.from(Configuration.fromMap(config))).build(env);
        OneInputTransformation<Click, SessionSnapshot> window =
                (OneInputTransformation<Click, SessionSnapshot>) env.getTransformations().stream()
                        .flatMap(t -> t.getTransitivePredecessors().stream())
                        .filter(t -> OperatorIds.SESSIONIZER.equals(t.getUid()))
                        .findFirst()
                        .orElseThrow();
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        (OneInputStreamOperator<Click, SessionSnapshot>) window.getOperator(),
                        (KeySelector<Click, String>) window.getStateKeySelector(),
                        (TypeInformation<String>) window.getStateKeyType());
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.setStateTtlProcessingTime(ttlNow);
        if (state != null) {
            harness.initializeState(state);
        }
        harness.open();
    }

    private OperatorSubtaskState reopen(String features, long ttlNow) throws Exception {
        OperatorSubtaskState state = harness.snapshot(1, 1);
        harness.close();
        open(features, state, ttlNow);
        return state;
    }

    private SessionSnapshot send(Click click) throws Exception {
        harness.processElement(new StreamRecord<>(click, click.ts()));
        List<SessionSnapshot> updates = harness.extractOutputValues();
        return updates.get(updates.size() - 1);
    }

    /** Two sessions of u1, each ending in a purchase (the second of 80.0, at minute 65). */
    private void twoSessionsWithOrders() throws Exception {
        send(view("a1", "u1", minutes(0)));
        send(click("a2", "u1", EventType.PURCHASE, minutes(2), 30.0));
        send(view("b1", "u1", minutes(60)));
        send(click("b2", "u1", EventType.PURCHASE, minutes(65), 80.0));
    }

    private static final UserContext TWO_ORDERS = new UserContext(2, minutes(65), 80.0, 2, minutes(65));

    @Test
    void aReturningUsersUpdatesCarryTheOrdersAndSessionsBeforeThisOne() throws Exception {
        open("user", null, 0);

        SessionSnapshot first = send(view("a1", "u1", minutes(0)));
        assertThat(first.user()).isEqualTo(UserContext.NEW);
        SessionSnapshot purchase = send(click("a2", "u1", EventType.PURCHASE, minutes(2), 30.0));
        assertThat(purchase.user()).as("its own purchase is not its history").isEqualTo(UserContext.NEW);
        send(view("b1", "u1", minutes(60)));
        send(click("b2", "u1", EventType.PURCHASE, minutes(65), 80.0));

        assertThat(send(view("c1", "u1", minutes(200))).user()).isEqualTo(TWO_ORDERS);
        assertThat(send(view("c2", "u1", minutes(210))).user()).isEqualTo(TWO_ORDERS);
        assertThat(send(view("x1", "u2", minutes(210))).user()).as("another user is new").isEqualTo(UserContext.NEW);
    }

    @Test
    void theHistorySurvivesASavepointAndIsForgottenAfterItsTimeToLive() throws Exception {
        open("user", null, 0);
        twoSessionsWithOrders();

        OperatorSubtaskState savepoint = reopen("user", Duration.ofDays(29).toMillis());
        assertThat(send(view("c1", "u1", minutes(200))).user()).isEqualTo(TWO_ORDERS);

        harness.close();
        open("user", savepoint, TTL.toMillis() + 1);
        assertThat(send(view("c1", "u1", minutes(200))).user()).as("unseen for longer than the TTL").isEqualTo(UserContext.NEW);
    }

    /**
     * What capacity.md quotes: a canonical savepoint's state size once every session has closed,
     * per user, under each feature set. Session features keep nothing per user.
     */
    @Test
    void theHistoryCostsAboutAHundredBytesPerUserAndSessionFeaturesNothing() throws Exception {
        int users = 5_000;
        long[] bytes = new long[2];
        String[] features = {"session", "user"};
        for (int f = 0; f < 2; f++) {
            open(features[f], null, 0);
            for (int u = 0; u < users; u++) {
                String user = String.format("u%07d", u);
                send(view("v" + u, user, minutes(u % 60)));
                send(click("p" + u, user, EventType.PURCHASE, minutes(u % 60 + 1), 25.0));
            }
            harness.processWatermark(minutes(24 * 60));
            bytes[f] = harness.snapshotWithLocalState(1, 1, SavepointType.savepoint(SavepointFormatType.CANONICAL))
                    .getJobManagerOwnedState()
                    .getStateSize();
            harness.close();
        }
        open("session", null, 0);
        double perUser = (bytes[1] - bytes[0]) / (double) users;
        System.out.printf("state after %,d users' sessions closed: session %,d B, user %,d B, %.1f B per user%n", users, bytes[0], bytes[1], perUser);

        assertThat(bytes[0]).as("nothing per user under session features").isLessThan(users);
        assertThat(perUser).isBetween(60.0, 160.0);
    }

    @Test
    void aSessionSavepointRestoresUnderUserFeaturesWithEveryUserNew() throws Exception {
        open("session", null, 0);
        twoSessionsWithOrders();
        SessionSnapshot open = send(view("c1", "u1", minutes(200)));
        assertThat(open.user()).as("no history under session features").isNull();

        reopen("user", 0);
        SessionSnapshot next = send(view("c2", "u1", minutes(205)));

        assertThat(next.events()).as("the open session carries on").isEqualTo(2);
        assertThat(next.sessionId()).isEqualTo(open.sessionId());
        assertThat(next.user()).isEqualTo(UserContext.NEW);
    }

    @Test
    void aUserSavepointRestoresUnderSessionFeaturesWithoutHistory() throws Exception {
        open("user", null, 0);
        twoSessionsWithOrders();
        send(view("c1", "u1", minutes(200)));

        reopen("session", 0);
        SessionSnapshot next = send(view("c2", "u1", minutes(205)));

        assertThat(next.events()).isEqualTo(2);
        assertThat(next.user()).isNull();
    }
}
