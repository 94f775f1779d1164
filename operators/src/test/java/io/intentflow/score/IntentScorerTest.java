package io.intentflow.score;

import static io.intentflow.Clicks.minutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.intentflow.Clicks;
import io.intentflow.SessionFolder;
import io.intentflow.model.EventType;
import io.intentflow.model.features.EventFeaturizer;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.records.Click;
import io.intentflow.records.IntentScore;
import io.intentflow.records.RecordJson;
import io.intentflow.records.SessionSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scorer on RocksDB state in Flink's harness, checked against the full-sequence pass. */
class IntentScorerTest {

    private static final NetworkConfig NETWORK = new NetworkConfig(8, 3, 16);
    private static final IntentNetwork V1 = IntentNetwork.create(NETWORK, 1);
    private static final IntentNetwork V2 = IntentNetwork.create(NETWORK, 2);
    private static final float TOLERANCE = 1e-5f;

    private final SessionFolder session = new SessionFolder(64);
    private KeyedTwoInputStreamOperatorTestHarness<String, SessionSnapshot, ModelUpdate, IntentScore> harness;

    private static ModelUpdate update(IntentNetwork network, long version) {
        return new ModelUpdate(version, version - 1, NETWORK.hash(), 0L, network.params(), "");
    }

    private static ScorerSettings settings(int batchSize, Duration maxWait) {
        return new ScorerSettings(NETWORK, batchSize, maxWait, 0.3, 0.7, Duration.ofMinutes(30), ExplainSettings.OFF);
    }

    private void open(ScorerSettings settings, ModelUpdate initial, OperatorSubtaskState restored) throws Exception {
        harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(
                        new IntentScorer(settings, initial), SessionSnapshot::userId, null, Types.STRING);
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** Folds a click into the user's session and sends the resulting update. */
    private SessionSnapshot send(Click click) throws Exception {
        SessionSnapshot update = session.add(click);
        harness.processElement1(new StreamRecord<>(update, click.ts()));
        return update;
    }

    private static float fullPass(IntentNetwork network, SessionSnapshot s) {
        return network.scoreSequence(EventFeaturizer.featurize(Arrays.asList(s.recent()), s.events() - s.recent().length));
    }

    private long usersWithSessionState() {
        AbstractStreamOperator<?> scorer = (AbstractStreamOperator<?>) harness.getOperator();
        try (Stream<Object> users = scorer.getKeyedStateBackend().getKeys(IntentScorer.SESSIONS.getName(), VoidNamespace.INSTANCE)) {
            return users.count();
        }
    }

    private List<IntentScore> scores() {
        return harness.extractOutputValues();
    }

    @Test
    void emitsNoScoreUntilAModelIsLive() throws Exception {
        open(settings(1, Duration.ZERO), null, null);

        send(Clicks.view("e1", "u1", minutes(0)));
        harness.processElement2(new StreamRecord<>(update(V1, 1)));
        SessionSnapshot second = send(Clicks.view("e2", "u1", minutes(1)));

        assertThat(scores()).singleElement().satisfies(score -> {
            assertThat(score.eventId()).isEqualTo("e2");
            assertThat(score.modelVersion()).isEqualTo(1);
            assertThat(score.score()).isCloseTo(fullPass(V1, second), within(TOLERANCE));
        });
    }

    @Test
    void advancesTheCarriedStateOneEventAtATime() throws Exception {
        open(settings(1, Duration.ZERO), update(V1, 1), null);

        SessionSnapshot a = send(Clicks.view("e1", "u1", minutes(0)));
        SessionSnapshot b = send(Clicks.click("e2", "u1", EventType.ADD_TO_CART, minutes(1), 25.0));
        SessionSnapshot c = send(Clicks.click("e3", "u1", EventType.CHECKOUT_START, minutes(2), 25.0));

        assertThat(scores()).extracting(IntentScore::eventId).containsExactly("e1", "e2", "e3");
        assertThat(scores().get(0).score()).isCloseTo(fullPass(V1, a), within(TOLERANCE));
        assertThat(scores().get(1).score()).isCloseTo(fullPass(V1, b), within(TOLERANCE));
        assertThat(scores().get(2).score()).isCloseTo(fullPass(V1, c), within(TOLERANCE));
        assertThat(scores().get(2).events()).isEqualTo(3);
        assertThat(scores().get(2).band()).isIn("low", "medium", "high");
    }

    @Test
    void eachScoreCarriesTheExpectedOrderValueOnceTheValueHeadLearnedOne() throws Exception {
        open(settings(1, Duration.ZERO), update(V1, 1), null);
        send(Clicks.view("e1", "u1", minutes(0)));
        // A value head that learned the mean order value only: 50 for every session.
        IntentNetwork valued = V1.copy();
        valued.startValueHead(Math.log1p(50));
        harness.processElement2(new StreamRecord<>(update(valued, 2)));
        SessionSnapshot second = send(Clicks.click("e2", "u1", EventType.ADD_TO_CART, minutes(1), 50.0));

        assertThat(scores().get(0).value()).as("no amount has trained version 1").isNull();
        assertThat(scores().get(1)).satisfies(score -> {
            assertThat(score.modelVersion()).isEqualTo(2);
            assertThat(score.score()).isCloseTo(fullPass(valued, second), within(TOLERANCE));
            assertThat(score.value()).as("the score times 50").isCloseTo(score.score() * 50.0, within(1e-3));
        });
        assertThat(new String(RecordJson.score(scores().get(0)), StandardCharsets.UTF_8)).contains("\"value\":null");
    }

    @Test
    void recomputesAfterAModelChangeAndAfterAnOutOfOrderEvent() throws Exception {
        open(settings(1, Duration.ZERO), update(V1, 1), null);
        send(Clicks.view("e1", "u1", minutes(0)));
        send(Clicks.view("e3", "u1", minutes(3)));

        harness.processElement2(new StreamRecord<>(update(V2, 2)));
        SessionSnapshot afterSwap = send(Clicks.view("e4", "u1", minutes(4)));
        SessionSnapshot outOfOrder = send(Clicks.view("e2", "u1", minutes(2)));
        SessionSnapshot next = send(Clicks.view("e5", "u1", minutes(5)));

        List<IntentScore> scores = scores();
        assertThat(scores.get(2).modelVersion()).isEqualTo(2);
        assertThat(scores.get(2).score()).isCloseTo(fullPass(V2, afterSwap), within(TOLERANCE));
        assertThat(scores.get(3).score()).isCloseTo(fullPass(V2, outOfOrder), within(TOLERANCE));
        assertThat(scores.get(3).eventTs()).isEqualTo(minutes(2));
        assertThat(scores.get(4).score()).isCloseTo(fullPass(V2, next), within(TOLERANCE));
    }

    @Test
    void refusesABrokenUpdateAndScoresOnWithTheLiveModel() throws Exception {
        open(settings(1, Duration.ZERO), update(V1, 1), null);
        float[] poisoned = V2.params();
        poisoned[3] = Float.NaN;

        harness.processElement2(new StreamRecord<>(new ModelUpdate(2, 1, NETWORK.hash(), 0L, poisoned, "")));
        SessionSnapshot s = send(Clicks.view("e1", "u1", minutes(0)));

        assertThat(scores()).singleElement().satisfies(score -> {
            assertThat(score.modelVersion()).isEqualTo(1);
            assertThat(score.score()).isCloseTo(fullPass(V1, s), within(TOLERANCE));
        });
    }

    @Test
    void batchesAcrossUsersAndFlushesBeforeTheCheckpointBarrier() throws Exception {
        open(settings(100, Duration.ofHours(1)), update(V1, 1), null);
        harness.processElement1(new StreamRecord<>(SessionFolder.first(Clicks.view("a1", "ua", minutes(0))), 0));
        harness.processElement1(new StreamRecord<>(SessionFolder.first(Clicks.view("b1", "ub", minutes(0))), 0));
        harness.processElement1(new StreamRecord<>(SessionFolder.first(Clicks.view("c1", "uc", minutes(0))), 0));
        assertThat(scores()).as("still in the batch").isEmpty();

        harness.prepareSnapshotPreBarrier(1);

        assertThat(scores()).extracting(IntentScore::userId).containsExactly("ua", "ub", "uc");
    }

    @Test
    void advancesASessionSeveralEventsWithinOneBatch() throws Exception {
        open(settings(100, Duration.ofHours(1)), update(V1, 1), null);
        SessionFolder other = new SessionFolder(64);
        SessionSnapshot a1 = send(Clicks.view("a1", "ua", minutes(0)));
        SessionSnapshot b1 = other.add(Clicks.view("b1", "ub", minutes(0)));
        harness.processElement1(new StreamRecord<>(b1, 0));
        SessionSnapshot a2 = send(Clicks.click("a2", "ua", EventType.ADD_TO_CART, minutes(1), 25.0));
        SessionSnapshot a3 = send(Clicks.view("a3", "ua", minutes(3)));
        SessionSnapshot a4 = send(Clicks.view("a4", "ua", minutes(2)));
        assertThat(scores()).as("a session seen again does not flush the batch").isEmpty();

        harness.prepareSnapshotPreBarrier(1);
        SessionSnapshot a5 = send(Clicks.view("a5", "ua", minutes(4)));
        harness.prepareSnapshotPreBarrier(2);

        assertThat(scores()).extracting(IntentScore::eventId).containsExactly("a1", "b1", "a2", "a3", "a4", "a5");
        List<SessionSnapshot> sent = List.of(a1, b1, a2, a3, a4, a5);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(scores().get(i).score()).as(sent.get(i).triggerEventId()).isCloseTo(fullPass(V1, sent.get(i)), within(TOLERANCE));
        }
    }

    @Test
    void keepsTheModelAndTheSessionsThroughASnapshotAndRestore() throws Exception {
        open(settings(1, Duration.ZERO), null, null);
        harness.processElement2(new StreamRecord<>(update(V2, 7)));
        send(Clicks.view("e1", "u1", minutes(0)));
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        open(settings(1, Duration.ZERO), null, snapshot);
        SessionSnapshot s = send(Clicks.view("e2", "u1", minutes(1)));

        assertThat(scores()).singleElement().satisfies(score -> {
            assertThat(score.modelVersion()).isEqualTo(7);
            assertThat(score.score()).isCloseTo(fullPass(V2, s), within(TOLERANCE));
        });
    }

    /** What restoring a scorer that ran version 3 of {@link #NETWORK} into one configured for {@code network} throws. */
    private AbstractThrowableAssert<?, ? extends Throwable> restoringVersion3Into(NetworkConfig network) throws Exception {
        open(settings(1, Duration.ZERO), update(V1, 3), null);
        OperatorSubtaskState snapshot = harness.snapshot(1, 1);
        harness.close();

        ModelUpdate fromModelPath = new ModelUpdate(1, 0, network.hash(), 0L, IntentNetwork.create(network, 1).params(), "");
        ScorerSettings configured = new ScorerSettings(network, 1, Duration.ZERO, 0.3, 0.7, Duration.ofMinutes(30), ExplainSettings.OFF);
        return assertThatThrownBy(() -> open(configured, fromModelPath, snapshot))
                .isInstanceOf(SuppressRestartsException.class)
                .rootCause()
                .hasMessageContaining("scorer holds model version 3");
    }

    @Test
    void failsTheRestoreOfAModelOfAnotherNetworkInsteadOfStartingOver() throws Exception {
        restoringVersion3Into(new NetworkConfig(16, 3, 32)).hasMessageContaining("model.conv-channels, model.kernel and model.lstm-size");
    }

    /** A savepoint of a job on the session's features, restored with {@code model.features: user}. */
    @Test
    void failsTheRestoreOfAModelOfTheOtherFeatureSetNamingTheKey() throws Exception {
        restoringVersion3Into(NETWORK.withFeatures(FeatureSet.USER))
                .hasMessageContaining("featureSet=USER")
                .hasMessageContaining("start the job with the model.features");
    }

    @Test
    void dropsTheStateOfSessionsThatHaveEndedWithOneTimerPerSession() throws Exception {
        open(settings(1, Duration.ZERO), update(V1, 1), null);
        for (int minute = 0; minute < 20; minute += 5) {
            send(Clicks.view("e" + minute, "u1", minutes(minute)));
        }
        assertThat(harness.numEventTimeTimers()).as("one timer, however many events").isEqualTo(1);
        assertThat(usersWithSessionState()).isEqualTo(1);

        harness.processWatermark1(new Watermark(minutes(31)));
        assertThat(usersWithSessionState()).as("the session went on past its first timer").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.processWatermark1(new Watermark(minutes(46)));
        assertThat(usersWithSessionState()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
