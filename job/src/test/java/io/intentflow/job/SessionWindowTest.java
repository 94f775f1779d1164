package io.intentflow.job;

import static io.intentflow.Clicks.minutes;
import static io.intentflow.Clicks.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.OperatorIds;
import io.intentflow.job.config.JobSettings;
import io.intentflow.records.Click;
import io.intentflow.records.SessionChange;
import io.intentflow.records.SessionSnapshot;
import io.intentflow.session.LateClicks;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session window operator exactly as {@link IntentflowJob} wires it (taken from the job's
 * own graph by its uid), on RocksDB state, driven event by event and watermark by watermark.
 */
class SessionWindowTest {

    /** The job on Kafka topics it never reaches: building the graph connects to nothing. */
    private static final JobSettings SETTINGS =
            JobSettings.from(Configuration.fromMap(Map.of(
                    "kafka.bootstrap.servers", "127.0.0.1:9",
                    "session.gap", "30 min",
                    "session.allowed-lateness", "10 min")));

    private KeyedOneInputStreamOperatorTestHarness<String, Click, SessionSnapshot> harness;

    @BeforeEach
    void openHarness() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @SuppressWarnings("unchecked")
    private static KeyedOneInputStreamOperatorTestHarness<String, Click, SessionSnapshot> newHarness()
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        IntentflowJob.onKafka(SETTINGS).build(env);
        OneInputTransformation<Click, SessionSnapshot> window =
                (OneInputTransformation<Click, SessionSnapshot>) transformation(env, OperatorIds.SESSIONIZER);
        var harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        (OneInputStreamOperator<Click, SessionSnapshot>) window.getOperator(),
                        (KeySelector<Click, String>) window.getStateKeySelector(),
                        (TypeInformation<String>) window.getStateKeyType());
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        return harness;
    }

    private static Transformation<?> transformation(StreamExecutionEnvironment env, String uid) {
        return env.getTransformations().stream()
                .flatMap(t -> t.getTransitivePredecessors().stream())
                .filter(t -> uid.equals(t.getUid()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the job has no operator with uid " + uid));
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private void send(Click click) throws Exception {
        harness.processElement(new StreamRecord<>(click, click.ts()));
    }

    private List<SessionSnapshot> updates() {
        return harness.extractOutputValues();
    }

    private List<Click> late() {
        return harness.getSideOutput(LateClicks.LATE).stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void shouldEmitOneUpdatePerEventWhileTheSessionIsOpen() throws Exception {
        send(view("e1", "u1", minutes(0)));
        send(view("e2", "u1", minutes(5)));
        send(view("e3", "u1", minutes(9)));

        assertThat(updates()).extracting(SessionSnapshot::events).containsExactly(1, 2, 3);
        assertThat(updates()).extracting(SessionSnapshot::triggerEventId).containsExactly("e1", "e2", "e3");
        assertThat(updates()).extracting(SessionSnapshot::sessionId).containsOnly("u1-" + minutes(0));
    }

    @Test
    void shouldStartANewSessionAfterTheGap() throws Exception {
        send(view("e1", "u1", minutes(0)));
        send(view("e2", "u1", minutes(31)));

        assertThat(updates()).extracting(SessionSnapshot::sessionId)
                .containsExactly("u1-" + minutes(0), "u1-" + minutes(31));
        assertThat(updates().get(1).events()).isEqualTo(1);
    }

    @Test
    void shouldMergeSessionsWhenABridgingEventArrives() throws Exception {
        send(view("a", "u1", minutes(0)));
        send(view("b", "u1", minutes(50)));
        send(view("bridge", "u1", minutes(25)));

        SessionSnapshot merged = updates().get(2);
        assertThat(merged.sessionId()).isEqualTo("u1-" + minutes(0));
        assertThat(merged.change()).isEqualTo(SessionChange.MERGED);
        assertThat(merged.events()).isEqualTo(3);
        assertThat(merged.recent()).extracting(e -> e.eventId()).containsExactly("a", "bridge", "b");
    }

    @Test
    void shouldKeepUsersApart() throws Exception {
        send(view("e1", "u1", minutes(0)));
        send(view("e2", "u2", minutes(1)));
        send(view("e3", "u1", minutes(2)));

        assertThat(updates()).extracting(SessionSnapshot::userId).containsExactly("u1", "u2", "u1");
        assertThat(updates().get(2).events()).isEqualTo(2);
    }

    @Test
    void shouldAcceptEventsWithinTheAllowedLatenessAndRouteLaterOnesAside() throws Exception {
        send(view("e1", "u1", minutes(0)));
        // The session [0, 30) has ended; it is still kept for 10 minutes of allowed lateness.
        harness.processWatermark(minutes(35));
        send(view("within", "u1", minutes(1)));
        // Late means: even this event's own session [2, 32) ended more than 10 minutes ago.
        harness.processWatermark(minutes(90));
        send(view("too-late", "u1", minutes(2)));

        assertThat(updates()).extracting(SessionSnapshot::triggerEventId).containsExactly("e1", "within");
        assertThat(updates().get(1).events()).isEqualTo(2);
        assertThat(late()).extracting(Click::eventId).containsExactly("too-late");
    }

    @Test
    void shouldDropSessionStateOnceTheSessionCanNoLongerChange() throws Exception {
        send(view("e1", "u1", minutes(0)));
        assertThat(harness.numEventTimeTimers()).as("the cleanup timer").isEqualTo(1);

        harness.processWatermark(minutes(40));

        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(updates()).hasSize(1);
    }

    @Test
    void shouldCarryOpenSessionsThroughASnapshotAndRestore() throws Exception {
        send(view("e1", "u1", minutes(0)));
        var snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        send(view("e2", "u1", minutes(3)));

        assertThat(updates()).singleElement().satisfies(s -> {
            assertThat(s.events()).isEqualTo(2);
            assertThat(s.sessionId()).isEqualTo("u1-" + minutes(0));
        });
    }
}
