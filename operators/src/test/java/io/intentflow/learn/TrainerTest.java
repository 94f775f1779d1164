package io.intentflow.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.Evaluation;
import io.intentflow.model.training.FineTuner;
import io.intentflow.model.training.FineTunerSettings;
import io.intentflow.model.training.LabelledSession;
import io.intentflow.records.DriftEvent;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.SessionPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer in Flink's operator harness. Rounds run on the trainer's own thread; their outcome
 * waits in the task's mailbox until the test (the task thread here) takes it, so the test decides
 * exactly when a round's result lands, and what a snapshot sees meanwhile.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class TrainerTest {

    private static final NetworkConfig NETWORK = new NetworkConfig(8, 3, 16);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HOUR = Duration.ofHours(1);
    private static final String ORIGIN = "test-job";
    /** A rollback margin no AUC can exceed: the tests of other things see no rollback. */
    private static final double NEVER = 1.0;
    /** A drift test that never signals: the tests of other things see no reaction. */
    private static final DriftSettings NO_DRIFT = new DriftSettings(0, Double.MAX_VALUE, 0, 1, Double.MAX_VALUE, 100);

    @TempDir Path registry;

    /** The gate as the job has it, replay and gate window large enough that no example leaves them. */
    private static FineTunerSettings fineTuning(boolean gateOpen) {
        return new FineTunerSettings(5000, 1.0, 2, 32, 5, 1000, gateOpen ? 1 : 0.05, gateOpen ? 1000 : 0.5, 3.0, 5e-3);
    }

    private TrainerSettings settings(int every, int maxWaiting, boolean gateOpen) {
        return settings(every, maxWaiting, fineTuning(gateOpen));
    }

    private TrainerSettings settings(int every, int maxWaiting, FineTunerSettings fineTuning) {
        return new TrainerSettings(NETWORK, fineTuning, every, HOUR, 50, maxWaiting, 1.0, registry.toString(), 100_000, NEVER, 100, NO_DRIFT, ShadowSettings.OFF, ORIGIN);
    }

    /** A gate no candidate passes: its AUC would have to beat the live one's by 1. */
    private static final FineTunerSettings GATE_SHUT = new FineTunerSettings(5000, 1.0, 2, 32, 5, 1000, -1, 1000, 3.0, 5e-3);

    /** Carts make purchases: a signal to learn. */
    private static List<LabelledExample> examples(Random random, int count) {
        List<LabelledExample> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            List<SessionEvent> events = new ArrayList<>();
            boolean carted = false;
            long ts = 1_714_550_400_000L;
            for (int i = 0, length = 1 + random.nextInt(6); i < length; i++) {
                EventType type = random.nextDouble() < 0.2 ? EventType.ADD_TO_CART : EventType.VIEW;
                carted |= type == EventType.ADD_TO_CART;
                events.add(new SessionEvent("e" + n + "-" + i, type, ts += 15_000, "i" + random.nextInt(9), "c1", 12.0));
            }
            SessionPrefix prefix = new SessionPrefix("u" + n, "s" + n, events.toArray(SessionEvent[]::new), 0, ts);
            out.add(carted ? LabelledExample.positive(prefix, ts + 60_000, Double.NaN) : LabelledExample.negative(prefix, ts + 60_000));
        }
        return out;
    }

    /** The trainer's two inputs in Flink's operator harness, which has no two-input form for an operator factory. */
    private static final class TrainerHarness extends AbstractStreamOperatorTestHarness<ModelUpdate> {

        TrainerHarness(TrainerFactory factory, MockEnvironment environment) throws Exception {
            super(factory, environment);
        }

        Trainer trainer() {
            return (Trainer) operator;
        }

        void processElement(StreamRecord<LabelledExample> example) throws Exception {
            trainer().processElement1(example);
        }

        /** A version arriving on the model-updates topic. */
        void processModelUpdate(ModelUpdate update) throws Exception {
            trainer().processElement2(new StreamRecord<>(update));
        }

        /** The end of the labelled examples. */
        void endInput() throws Exception {
            trainer().endInput(1);
        }
    }

    /** A trainer in the harness, with its metrics readable by name. */
    private record Harnessed(TrainerHarness harness, InterceptingOperatorMetricGroup metrics) implements AutoCloseable {

        Trainer trainer() {
            return harness.trainer();
        }

        void send(List<LabelledExample> examples) throws Exception {
            for (LabelledExample example : examples) {
                harness.processElement(new StreamRecord<>(example));
            }
        }

        /** Runs the task's mail, waiting for each, until {@code done}: a round's outcome arrives as mail. */
        void runMailUntil(BooleanSupplier done) throws Exception {
            while (!done.getAsBoolean()) {
                nextMail().run();
            }
        }

        /** Sends {@code examples} a round's worth at a time, each round done before the next is sent. */
        void sendRoundByRound(List<LabelledExample> examples, int every) throws Exception {
            for (int from = 0; from < examples.size(); from += every) {
                long rounds = rounds();
                send(examples.subList(from, Math.min(examples.size(), from + every)));
                runMailUntil(() -> rounds() > rounds);
            }
        }

        /** Each round's candidate counts once: published (without shadow mode), the shadow, or rejected; a shadow's promotion is published too. */
        long rounds() {
            return count("publishedVersions") - count("shadowPromoted") + count("shadowTrials") + count("rejectedVersions");
        }

        /** Whatever the operator emitted: to the scorers, to the topic, drift events. */
        List<Object> emitted() {
            List<Object> emitted = new ArrayList<>(harness.getOutput());
            for (OutputTag<?> tag : List.of(Trainer.PUBLISHED, Trainer.DRIFT)) {
                if (harness.getSideOutput(tag) != null) {
                    emitted.addAll(harness.getSideOutput(tag));
                }
            }
            return emitted;
        }

        Mail nextMail() throws InterruptedException {
            return harness.getTaskMailbox().take(TaskMailbox.MIN_PRIORITY);
        }

        /** Every version that went live, for the scorers. */
        List<ModelUpdate> published() {
            return harness.extractOutputValues();
        }

        /** The versions written to the model-updates topic: this trainer's own. */
        List<ModelUpdate> toTopic() {
            return harness.getSideOutput(Trainer.PUBLISHED) == null
                    ? List.of()
                    : harness.getSideOutput(Trainer.PUBLISHED).stream().map(StreamRecord::getValue).toList();
        }

        long count(String name) {
            return ((Counter) metrics.get(name)).getCount();
        }

        Object gauge(String name) {
            return ((Gauge<?>) metrics.get(name)).getValue();
        }

        @Override
        public void close() throws Exception {
            harness.close();
        }
    }

    private static Harnessed harness(TrainerSettings settings, ModelUpdate initialModel) throws Exception {
        InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
        UnregisteredMetricGroups.UnregisteredTaskMetricGroup task =
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                    @Override
                    public InternalOperatorMetricGroup getOrAddOperator(OperatorID id, String name, Map<String, String> variables) {
                        return metrics;
                    }
                };
        TrainerHarness harness = new TrainerHarness(new TrainerFactory(settings, initialModel), new MockEnvironmentBuilder().setMetricGroup(task).build());
        // The test clock starts at Long.MIN_VALUE; intervals are measured from here.
        harness.setProcessingTime(0);
        return new Harnessed(harness, metrics);
    }

    /** Shadow mode, the gate as the job has it: a candidate that passes it is judged on {@code minExamples} of live traffic. */
    private TrainerSettings shadowMode(int every, int minExamples) {
        return shadowMode(every, minExamples, false);
    }

    private TrainerSettings shadowMode(int every, int minExamples, boolean gateOpen) {
        return new TrainerSettings(
                NETWORK, fineTuning(gateOpen), every, HOUR, 50, 2000, 1.0, registry.toString(), 100_000, NEVER, 100, NO_DRIFT, new ShadowSettings(true, minExamples, 0), ORIGIN);
    }

    /** A trainer restored from the state that an older commit's trainer wrote, a test resource. */
    private static Harnessed restoredFrom(String resource, TrainerSettings settings) throws Exception {
        Harnessed h = harness(settings, null);
        h.harness().initializeState(OperatorSnapshotUtil.readStateHandle(Path.of(TrainerTest.class.getResource(resource).toURI()).toString()));
        h.harness().open();
        return h;
    }

    /** What a published version says about the examples behind it. */
    private record Evidence(int gateExamples, int rollingExamples) {}

    private static Evidence evidence(ModelUpdate update) throws Exception {
        JsonNode metrics = JSON.readTree(update.metrics());
        return new Evidence(metrics.get("gateExamples").asInt(), metrics.get("rollingExamples").asInt());
    }

    @Test
    void publishesMonotonicVersionsThatSurviveARestore() throws Exception {
        Random random = new Random(1);
        List<ModelUpdate> before;
        OperatorSubtaskState snapshot;
        try (Harnessed first = harness(settings(100, 2000, false), null)) {
            first.harness().open();
            first.sendRoundByRound(examples(random, 600), 100);
            before = first.published();
            snapshot = first.harness().snapshot(1, 1);
        }
        assertThat(before).as("published versions").isNotEmpty();
        assertThat(before).extracting(ModelUpdate::version).isSorted().doesNotHaveDuplicates();
        assertThat(before.get(0).parentVersion()).isZero();
        long last = before.get(before.size() - 1).version();
        assertThat(Files.exists(registry.resolve("model-v" + last + ".zip"))).isTrue();
        assertThat(ModelFiles.load(registry.resolve("model-v" + last + ".zip")).update().params())
                .containsExactly(before.get(before.size() - 1).params());

        List<ModelUpdate> after;
        try (Harnessed second = harness(settings(100, 2000, false), null)) {
            second.harness().initializeState(snapshot);
            second.harness().open();
            second.sendRoundByRound(examples(random, 600), 100);
            after = second.published();
        }
        assertThat(after).isNotEmpty();
        assertThat(after.get(0).version()).as("the counter survived the restore").isEqualTo(last + 1);
        assertThat(after.get(0).parentVersion()).isEqualTo(last);
        assertThat(after.get(0).metrics()).contains("gateAucCandidate");
    }

    /**
     * The gate decides what is served, not what is learned: rounds it refused, through a
     * checkpoint and a restore, leave the trainer where rounds it let through would have, to the
     * last parameter (training depends on the examples alone, not on the gate's verdicts).
     */
    @Test
    void whatRefusedRoundsLearnedSurvivesARestoreAsIfTheyHadBeenPublished() throws Exception {
        Random random = new Random(12);
        List<LabelledExample> examples = examples(random, 800);
        OperatorSubtaskState afterRefusals;
        try (Harnessed shut = harness(settings(200, 2000, GATE_SHUT), null)) {
            shut.harness().open();
            shut.sendRoundByRound(examples.subList(0, 600), 200);
            assertThat(shut.count("rejectedVersions")).isEqualTo(3);
            assertThat(shut.emitted()).isEmpty();
            afterRefusals = shut.harness().snapshot(1, 1);
        }
        ModelUpdate afterRestore;
        try (Harnessed restored = harness(settings(200, 2000, true), null)) {
            restored.harness().initializeState(afterRefusals);
            restored.harness().open();
            restored.sendRoundByRound(examples.subList(600, 800), 200);
            afterRestore = restored.published().get(0);
        }
        List<ModelUpdate> allPublished;
        try (Harnessed open = harness(settings(200, 2000, true), null)) {
            open.harness().open();
            open.sendRoundByRound(examples, 200);
            allPublished = open.published();
        }

        assertThat(allPublished).hasSize(4);
        assertThat(afterRestore.version()).as("the first version the restored trainer published").isEqualTo(1);
        assertThat(afterRestore.params()).as("the fourth round's candidate of a trainer whose gate let every round through")
                .containsExactly(allPublished.get(3).params());
    }

    @Test
    void startsCountingFromTheInitialModelsVersion() throws Exception {
        ModelUpdate initial = new ModelUpdate(41, 40, NETWORK.hash(), 0L, IntentNetwork.create(NETWORK, 9).params(), "");
        try (Harnessed h = harness(settings(100, 2000, true), initial)) {
            h.harness().open();
            h.send(examples(new Random(2), 400));
            h.harness().endInput();
            assertThat(h.published()).isNotEmpty().allSatisfy(u -> assertThat(u.version()).isGreaterThan(41));
            assertThat(h.published().get(0).parentVersion()).isEqualTo(41);
        }
    }

    @Test
    void keepsTakingExamplesWhileARoundRuns() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService held = heldUntil(release);
        try (Harnessed h = harness(settings(100, 2000, true), null)) {
            h.harness().open();
            h.trainer().runRoundsOn(held);
            Random random = new Random(3);

            h.send(examples(random, 100));
            h.send(examples(random, 250));

            assertThat(h.count("examples")).as("every example taken while the first round is held back").isEqualTo(350);
            assertThat(h.gauge("examplesWaiting")).as("in the held round and waiting for the next").isEqualTo(350);
            assertThat(h.published()).as("nothing published before the round is done").isEmpty();

            release.countDown();
            h.harness().endInput();
            assertThat(h.published()).as("the held round, then one for the 250").extracting(ModelUpdate::version).containsExactly(1L, 2L);
            assertThat((Long) h.gauge("roundDurationMs")).isPositive();
        } finally {
            held.shutdownNow();
        }
    }

    @Test
    void aSnapshotDuringARoundHoldsThePreRoundModelAndEveryUntrainedExample() throws Exception {
        Random random = new Random(4);
        OperatorSubtaskState duringRound;
        try (Harnessed h = harness(settings(100, 2000, true), null)) {
            h.harness().open();
            h.sendRoundByRound(examples(random, 100), 100);
            assertThat(h.published()).extracting(ModelUpdate::version).containsExactly(1L);

            // A round starts at the 100th of these; the other 130 wait for the next.
            h.send(examples(random, 230));
            // The round has trained on its own thread; its outcome waits in the mailbox.
            Mail outcome = h.nextMail();
            duringRound = h.harness().snapshot(2, 2);
            outcome.run();
            h.harness().endInput();
            assertThat(h.published()).extracting(ModelUpdate::version).containsExactly(1L, 2L, 3L);
        }

        try (Harnessed restored = harness(settings(100, 2000, true), null)) {
            restored.harness().initializeState(duringRound);
            restored.harness().open();
            restored.harness().endInput();

            List<ModelUpdate> published = restored.published();
            assertThat(published.get(0).version()).as("the snapshot held the model before the round").isEqualTo(2);
            assertThat(published.get(0).parentVersion()).isEqualTo(1);
            ModelUpdate last = published.get(published.size() - 1);
            int replay = (Integer) restored.gauge("replayBufferSize");
            assertThat(replay + evidence(last).gateExamples())
                    .as("each of the 330 examples trained on (replay) or held back for the gate (gate window), once")
                    .isEqualTo(330);
        }
    }

    @Test
    void theIntervalStartsARoundWithoutAnotherExampleArriving() throws Exception {
        try (Harnessed h = harness(settings(1000, 2000, true), null)) {
            h.harness().open();
            h.send(examples(new Random(5), 60));
            assertThat(h.gauge("examplesWaiting")).as("fewer than train.every: no round yet").isEqualTo(60);

            h.harness().setProcessingTime(HOUR.toMillis());
            h.runMailUntil(() -> !h.published().isEmpty());

            assertThat(h.published()).extracting(ModelUpdate::version).containsExactly(1L);
            assertThat(h.gauge("examplesWaiting")).isEqualTo(0);
        }
    }

    @Test
    void theEndOfInputTrainsOnWhatIsWaiting() throws Exception {
        try (Harnessed h = harness(settings(1000, 2000, true), null)) {
            h.harness().open();
            h.send(examples(new Random(6), 20));

            h.harness().endInput();

            assertThat(h.published()).as("fewer than train.min-examples, yet trained on").hasSize(1);
            assertThat((Integer) h.gauge("replayBufferSize")).as("less the held-back sessions, one in five by key").isBetween(12, 19);
        }
    }

    @Test
    void trainsOnABoundedSampleButCountsAndScoresEveryExample() throws Exception {
        try (Harnessed h = harness(settings(3000, 200, true), null)) {
            h.harness().open();
            for (LabelledExample example : examples(new Random(7), 3000)) {
                h.harness().processElement(new StreamRecord<>(example));
                assertThat((Integer) h.gauge("examplesWaiting")).isLessThanOrEqualTo(200);
            }
            h.harness().endInput();

            assertThat(h.published()).hasSize(1);
            assertThat(h.count("examples")).isEqualTo(3000);
            assertThat(evidence(h.published().get(0)).rollingExamples()).as("scored before training: all of them").isEqualTo(3000);
            assertThat((Integer) h.gauge("replayBufferSize")).as("trained on: the sample less the held-back sessions, one in five by key").isBetween(145, 175);
            assertThat(h.count("sampledOutExamples")).isEqualTo(2800);
            assertThat((Double) h.gauge("sampledOutShare")).isEqualTo(2800 / 3000.0);
            assertThat(h.count("unscoredExamples")).isZero();
        }
    }

    @Test
    void whenExamplesArriveFasterThanTheyCanBeScoredTheOldestGoUnscoredAndCounted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService held = heldUntil(release);
        // Room for ten rounds' worth (train.every 100) waiting to be scored.
        try (Harnessed h = harness(settings(100, 100, true), null)) {
            h.harness().open();
            h.trainer().runRoundsOn(held);

            h.send(examples(new Random(9), 1600));
            assertThat(h.count("unscoredExamples")).isEqualTo(600);

            release.countDown();
            h.runMailUntil(() -> !h.published().isEmpty());
            assertThat(h.count("examples")).isEqualTo(1600);
            assertThat(evidence(h.published().get(0)).rollingExamples()).as("the newest thousand, scored").isEqualTo(1000);
            h.harness().endInput();
        } finally {
            held.shutdownNow();
        }
    }

    /**
     * The trainer's state as a savepoint before issue 10 holds it (examples as records of nested
     * arrays), written by the trainer of commit 664c573 in this harness: 230 examples, a round per
     * 100, this network, the gate open; version 2, 160 examples in the replay reservoir, 40 in the
     * gate window, 30 waiting.
     */
    @Test
    void restoresTheModelAndCountersOfAStateFromBeforeTheCompactForm() throws Exception {
        try (Harnessed h = restoredFrom("/trainer-state-before-issue-10.snapshot", settings(100, 2000, true))) {
            assertThat(h.gauge("modelVersion")).isEqualTo(2L);
            assertThat(h.gauge("replayBufferSize")).as("the old reservoir does not carry over").isEqualTo(0);
            assertThat(h.gauge("examplesWaiting")).as("nor do the old waiting examples").isEqualTo(0);

            h.sendRoundByRound(examples(new Random(8), 100), 100);

            assertThat(h.published()).extracting(ModelUpdate::parentVersion).containsExactly(2L);
        }
    }

    @Test
    void failsTheRestoreOfAModelOfAnotherNetworkInsteadOfStartingOver() throws Exception {
        ModelUpdate initial = new ModelUpdate(5, 4, NETWORK.hash(), 0L, IntentNetwork.create(NETWORK, 9).params(), "");
        OperatorSubtaskState snapshot;
        try (Harnessed h = harness(settings(100, 2000, false), initial)) {
            h.harness().open();
            snapshot = h.harness().snapshot(1, 1);
        }
        NetworkConfig bigger = new NetworkConfig(16, 3, 32);
        TrainerSettings resized = new TrainerSettings(bigger, fineTuning(false), 100, HOUR, 50, 2000, 1.0, null, 500, NEVER, 100, NO_DRIFT, ShadowSettings.OFF, ORIGIN);
        try (Harnessed h = harness(resized, null)) {
            assertThatThrownBy(() -> h.harness().initializeState(snapshot))
                    .isInstanceOf(SuppressRestartsException.class)
                    .rootCause()
                    .hasMessageContaining("trainer holds model version 5")
                    .hasMessageContaining("model.conv-channels, model.kernel and model.lstm-size");
        }
    }

    /** A version from outside the job, as an operator or another training job would push it. */
    private static ModelUpdate outside(long version, long seed) {
        return new ModelUpdate(version, 0, NETWORK.hash(), 0L, IntentNetwork.create(NETWORK, seed).params(), "{\"origin\":\"elsewhere\"}");
    }

    @Test
    void adoptsANewerVersionFromOutsideAndNumbersItsOwnAboveIt() throws Exception {
        Random random = new Random(10);
        ModelUpdate pushed = outside(100, 11);
        try (Harnessed h = harness(settings(100, 2000, true), null)) {
            h.harness().open();
            h.sendRoundByRound(examples(random, 100), 100);

            h.harness().processModelUpdate(pushed);
            assertThat(h.published()).as("live at the scorers at once").extracting(ModelUpdate::version).containsExactly(1L, 100L);
            assertThat(h.gauge("modelVersion")).isEqualTo(100L);
            assertThat(h.count("adoptedVersions")).isEqualTo(1);

            h.sendRoundByRound(examples(random, 100), 100);

            assertThat(h.published()).extracting(ModelUpdate::version).containsExactly(1L, 100L, 101L);
            assertThat(h.published().get(2).parentVersion()).isEqualTo(100);
            assertThat(h.toTopic()).as("only its own versions go to the topic").extracting(ModelUpdate::version).containsExactly(1L, 101L);
            assertThat(ModelVersions.publishedBy(h.toTopic().get(0), ORIGIN)).isTrue();
            assertThat(ModelFiles.load(registry.resolve("model-v100.zip")).update().params()).containsExactly(pushed.params());
        }
    }

    @Test
    void refusesLoudlyAVersionFromOutsideThatIsNotNewerOrDoesNotFitButNotItsOwnReadBack() throws Exception {
        try (Harnessed h = harness(settings(100, 2000, true), null)) {
            h.harness().open();
            h.sendRoundByRound(examples(new Random(12), 100), 100);
            ModelUpdate own = h.toTopic().get(0);

            h.harness().processModelUpdate(own);
            assertThat(h.count("refusedModelUpdates")).as("its own version, read back").isZero();

            h.harness().processModelUpdate(outside(1, 13));
            ModelUpdate bigger = new ModelUpdate(7, 0, new NetworkConfig(16, 3, 32).hash(), 0L, new float[10], "");
            h.harness().processModelUpdate(bigger);

            assertThat(h.count("refusedModelUpdates")).as("not newer; another network").isEqualTo(2);
            assertThat(h.count("adoptedVersions")).isZero();
            assertThat(h.published()).extracting(ModelUpdate::version).containsExactly(1L);
        }
    }

    @Test
    void aCandidateTrainedFromAModelThatAnAdoptionReplacedIsDropped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService held = heldUntil(release);
        try (Harnessed h = harness(settings(100, 2000, true), null)) {
            h.harness().open();
            h.trainer().runRoundsOn(held);
            h.send(examples(new Random(14), 100));

            h.harness().processModelUpdate(outside(100, 15));
            release.countDown();
            h.runMailUntil(() -> h.rounds() == 1);
            h.harness().endInput();

            assertThat(h.published()).as("the held round's candidate, child of the replaced model, never goes out")
                    .extracting(ModelUpdate::version).containsExactly(100L);
            assertThat(h.count("rejectedVersions")).isEqualTo(1);

            h.sendRoundByRound(examples(new Random(16), 100), 100);
            assertThat(h.published()).extracting(ModelUpdate::parentVersion).last().isEqualTo(100L);
        } finally {
            held.shutdownNow();
        }
    }

    @Test
    void rollsBackABadVersionForcedLiveWithinABoundedNumberOfExamples() throws Exception {
        Random random = new Random(20);
        int minExamples = 200;
        TrainerSettings watched = new TrainerSettings(NETWORK, fineTuning(true), 100, HOUR, 50, 2000, 1.0, registry.toString(), 100_000, 0.05, minExamples, NO_DRIFT, ShadowSettings.OFF, ORIGIN);
        try (Harnessed h = harness(watched, null)) {
            h.harness().open();
            h.sendRoundByRound(examples(random, 800), 100);
            ModelUpdate good = h.published().get(h.published().size() - 1);
            float[] bad = trainedOnShuffledLabels(good.params(), examples(random, 800));
            List<LabelledSession> fresh = examples(new Random(21), 1000).stream().map(e -> e.featurized(NETWORK.featureSet())).toList();
            double goodAuc = Evaluation.of(IntentNetwork.withParams(NETWORK, good.params()), fresh).auc();
            double badAuc = Evaluation.of(IntentNetwork.withParams(NETWORK, bad), fresh).auc();
            assertThat(badAuc).as("the bad version is bad (good: " + goodAuc + ")").isLessThan(goodAuc - 0.1);

            // Forced past the gate: pushed from outside, which the trainer adopts.
            h.harness().processModelUpdate(new ModelUpdate(100, 0, NETWORK.hash(), 0L, bad, "{\"origin\":\"elsewhere\"}"));
            long rollbacksBefore = h.count("rollbacks");
            int sent = 0;
            while (h.count("rollbacks") == rollbacksBefore && sent < 1000) {
                h.sendRoundByRound(examples(random, 100), 100);
                sent += 100;
            }

            assertThat(sent).as("examples after the bad version went live, until its rollback").isLessThanOrEqualTo(minExamples + 100);
            assertThat(h.count("rollbacks")).isEqualTo(rollbacksBefore + 1);
            ModelUpdate rollback = h.published().stream().filter(u -> u.metrics().contains("rollbackOf") && u.version() > 100).findFirst().orElseThrow();
            assertThat(rollback.parentVersion()).as("says whose parameters it republishes").isEqualTo(good.version());
            assertThat(rollback.params()).containsExactly(good.params());
            assertThat(h.toTopic()).extracting(ModelUpdate::version).contains(rollback.version());
            JsonNode why = JSON.readTree(rollback.metrics());
            assertThat(why.get("rollbackAucParent").asDouble()).isGreaterThan(why.get("rollbackAucLive").asDouble() + 0.05);
        }
    }

    @Test
    void detectsADriftInTheLossAndTheNextRoundComparesOnFreshDataAtARaisedRate() throws Exception {
        Random random = new Random(30);
        TrainerSettings drifting =
                new TrainerSettings(NETWORK, fineTuning(true), 100, HOUR, 50, 2000, 1.0, registry.toString(), 100_000, NEVER, 100, new DriftSettings(0.05, 50, 2, 3.0, Double.MAX_VALUE, 100), ShadowSettings.OFF, ORIGIN);
        try (Harnessed h = harness(drifting, null)) {
            h.harness().open();
            h.sendRoundByRound(examples(random, 1000), 100);
            assertThat(h.count("driftDetections")).as("a model learning a steady signal: no drift").isZero();
            assertThat(evidence(h.published().get(h.published().size() - 1)).gateExamples()).as("one session in five of 1000").isBetween(170, 230);

            // The behaviour turns: carts no longer lead to purchases, plain browsing does.
            int sent = 0;
            while (h.count("driftDetections") == 0 && sent < 1000) {
                h.sendRoundByRound(flipped(examples(random, 100)), 100);
                sent += 100;
            }

            assertThat(sent).as("examples after the change until it is detected").isLessThanOrEqualTo(500);
            assertThat((Double) h.gauge("driftStatistic")).isGreaterThanOrEqualTo(0.0);
            assertThat(evidence(h.published().get(h.published().size() - 1)).gateExamples())
                    .as("the reacting round's gate held only its own held-back examples, one session in five of 100").isBetween(10, 30);
            assertThat(h.gauge("driftBoostRoundsLeft")).as("2 rounds at 3x the rate: this one and one more").isEqualTo(1);
            assertThat(h.harness().getSideOutput(Trainer.DRIFT)).as("one drift event for the topic").hasSize(1);
            DriftEvent event = h.harness().getSideOutput(Trainer.DRIFT).peek().getValue();
            assertThat(event.signal()).isEqualTo("prequential-log-loss");
            assertThat(event.statistic()).isGreaterThan(event.threshold()).isGreaterThan(50.0 - 1e-9);
            assertThat(event.liveVersion()).isEqualTo(h.published().get(h.published().size() - 2).version());
        }
    }

    /**
     * A trainer in shadow mode (a round per 200 examples, judged on 400) whose first round, on 200
     * examples of {@code random}, trained a candidate that passed the gate on held-back examples: the shadow.
     */
    private Harnessed withFirstShadow(Random random) throws Exception {
        Harnessed h = harness(shadowMode(200, 400), null);
        h.harness().open();
        h.sendRoundByRound(examples(random, 200), 200);
        assertThat(h.count("shadowTrials")).as("the first candidate passed the gate: it is the shadow").isEqualTo(1);
        assertThat(h.emitted()).isEmpty();
        return h;
    }

    @Test
    void aShadowThatLearnedIsPromotedAfterTheMinimumOfLiveTrafficAndNotBefore() throws Exception {
        Random random = new Random(50);
        try (Harnessed h = withFirstShadow(random)) {
            h.sendRoundByRound(examples(random, 200), 200);
            assertThat(h.gauge("shadowExamples")).as("200 examples of live traffic scored, fewer than the minimum").isEqualTo(200L);
            assertThat(h.emitted()).as("while on trial the shadow reaches no output").isEmpty();
            assertThat(h.gauge("modelVersion")).as("the live model is the initial one").isEqualTo(0L);
            assertThat(h.count("rejectedVersions")).as("the second round's candidate: a shadow is on trial").isEqualTo(1);
            assertThat(registry.toFile().list()).as("nor is the shadow written to the registry").isEmpty();

            h.sendRoundByRound(examples(random, 200), 200);

            assertThat(h.published()).extracting(ModelUpdate::version).containsExactly(1L);
            assertThat(h.toTopic()).extracting(ModelUpdate::version).containsExactly(1L);
            ModelUpdate promoted = h.published().get(0);
            assertThat(promoted.parentVersion()).isZero();
            assertThat(h.count("shadowPromoted")).isEqualTo(1);
            assertThat(h.count("shadowDropped")).isZero();
            assertThat(h.gauge("modelVersion")).isEqualTo(1L);
            JsonNode why = JSON.readTree(promoted.metrics());
            assertThat(why.get("shadowExamples").asInt()).isEqualTo(400);
            assertThat(why.get("shadowAuc").asDouble()).as("the shadow beat the live model on live traffic").isGreaterThan(why.get("shadowAucLive").asDouble());
            assertThat(why.get("gateAucCandidate")).as("with the gate's evidence from when it became the shadow").isNotNull();
            assertThat(ModelFiles.load(registry.resolve("model-v1.zip")).update().params()).containsExactly(promoted.params());
            assertThat((Double) h.gauge("shadowAuc")).isEqualTo(why.get("shadowAuc").asDouble());
        }
    }

    @Test
    void aShadowThatPassedTheGateButLosesOnLiveTrafficIsDroppedAndNeverPublished() throws Exception {
        Random random = new Random(50);
        try (Harnessed h = withFirstShadow(random)) {
            // Live traffic turns after the shadow was trained: carts no longer lead to purchases, plain browsing does.
            h.sendRoundByRound(flipped(examples(random, 200)), 200);
            h.sendRoundByRound(flipped(examples(random, 200)), 200);

            assertThat(h.count("shadowDropped")).isEqualTo(1);
            assertThat(h.count("shadowPromoted")).isZero();
            assertThat((Double) h.gauge("shadowAuc")).as("the shadow did worse than the live model on the same 400").isLessThan((Double) h.gauge("shadowLiveAuc"));
            assertThat(h.emitted()).as("no version went out").isEmpty();
            assertThat(h.gauge("modelVersion")).isEqualTo(0L);
            assertThat(registry.toFile().list()).isEmpty();
        }
    }

    @Test
    void aVersionAdoptedFromOutsideDropsTheShadowTrainedFromTheModelItReplaced() throws Exception {
        Random random = new Random(50);
        try (Harnessed h = withFirstShadow(random)) {
            h.harness().processModelUpdate(outside(100, 52));
            h.runMailUntil(() -> h.count("shadowDropped") == 1);
            assertThat(h.count("shadowPromoted")).isZero();

            h.sendRoundByRound(examples(random, 200), 200);

            assertThat(h.count("shadowTrials")).as("no shadow on trial any more: the next candidate becomes one").isEqualTo(2);
            assertThat(h.count("rejectedVersions")).isZero();
            assertThat(h.published()).as("only the adopted version went live").extracting(ModelUpdate::version).containsExactly(100L);
        }
    }

    @Test
    void aCheckpointKeepsTheShadowWhoseTrialStartsAgainAfterARestore() throws Exception {
        Random random = new Random(50);
        List<LabelledExample> first = examples(random, 200);
        List<LabelledExample> live = examples(random, 400);
        OperatorSubtaskState withShadow;
        ModelUpdate uninterrupted;
        try (Harnessed h = harness(shadowMode(200, 400), null)) {
            h.harness().open();
            h.sendRoundByRound(first, 200);
            withShadow = h.harness().snapshot(1, 1);
            h.sendRoundByRound(live, 200);
            uninterrupted = h.published().get(0);
        }
        try (Harnessed restored = harness(shadowMode(200, 400), null)) {
            restored.harness().initializeState(withShadow);
            restored.harness().open();
            restored.sendRoundByRound(live.subList(0, 200), 200);
            assertThat(restored.count("rejectedVersions")).as("the restored shadow is on trial: this round's candidate waits for no one").isEqualTo(1);
            assertThat(restored.gauge("shadowExamples")).as("its trial started again at the restore").isEqualTo(200L);
            assertThat(restored.emitted()).isEmpty();

            restored.sendRoundByRound(live.subList(200, 400), 200);

            assertThat(restored.published()).extracting(ModelUpdate::version).containsExactly(1L);
            assertThat(restored.published().get(0).params()).as("the shadow of before the restore").containsExactly(uninterrupted.params());
        }
    }

    @Test
    void aRestoreWithShadowModeOffDropsTheShadow() throws Exception {
        Random random = new Random(50);
        OperatorSubtaskState withShadow;
        try (Harnessed h = withFirstShadow(random)) {
            withShadow = h.harness().snapshot(1, 1);
        }
        OperatorSubtaskState afterARound;
        try (Harnessed off = harness(settings(200, 2000, false), null)) {
            off.harness().initializeState(withShadow);
            off.harness().open();
            off.sendRoundByRound(examples(random, 200), 200);
            assertThat(off.count("shadowTrials") + off.count("shadowPromoted")).isZero();
            afterARound = off.harness().snapshot(2, 2);
        }
        try (Harnessed on = harness(shadowMode(200, 400), null)) {
            on.harness().initializeState(afterARound);
            on.harness().open();
            on.sendRoundByRound(examples(random, 200), 200);
            assertThat(on.count("shadowTrials")).as("no shadow came back: the first candidate to pass the gate becomes one").isEqualTo(1);
        }
    }

    /**
     * The trainer's state as a savepoint before shadow mode holds it, written by the trainer of
     * commit 8927d9b in this harness: 230 examples, a round per 100, this network, the gate open;
     * version 2, 160 examples in the replay reservoir, 40 in the gate window, 30 waiting.
     */
    @Test
    void restoresAStateFromBeforeShadowModeWithNoShadowOnTrial() throws Exception {
        try (Harnessed h = restoredFrom("/trainer-state-before-shadow.snapshot", shadowMode(100, 100, true))) {
            assertThat(h.gauge("modelVersion")).isEqualTo(2L);
            assertThat(h.gauge("replayBufferSize")).isEqualTo(160);
            assertThat(h.gauge("examplesWaiting")).isEqualTo(30);

            h.sendRoundByRound(examples(new Random(51), 70), 70);

            assertThat(h.count("shadowTrials")).as("no shadow was restored: the first candidate becomes one").isEqualTo(1);
            assertThat(h.count("rejectedVersions")).isZero();
            assertThat(h.emitted()).isEmpty();
        }
    }

    private static List<LabelledExample> flipped(List<LabelledExample> examples) {
        return examples.stream().map(e -> new LabelledExample(e.prefix(), !e.purchased(), e.labelTs(), Double.NaN)).toList();
    }

    /** {@code params} fine-tuned hard on {@code examples} with their labels shuffled: a model that learned noise. */
    private static float[] trainedOnShuffledLabels(float[] params, List<LabelledExample> examples) {
        List<Boolean> labels = new ArrayList<>(examples.stream().map(LabelledExample::purchased).toList());
        Collections.shuffle(labels, new Random(22));
        List<LabelledSession> shuffled = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            shuffled.add(new LabelledSession(examples.get(i).featurized(NETWORK.featureSet()).features(), labels.get(i)));
        }
        FineTuner noise = new FineTuner(new FineTunerSettings(0, 0, 20, 32, 2, 1000, 1, 1000, 3.0, 0.02), IntentNetwork.withParams(NETWORK, params), List.of(), List.of(), 0);
        noise.round(shuffled);
        return noise.live().params();
    }

    @Test
    void aSnapshotTakenBeforeTheAdoptionLandedHoldsTheAdoptedVersion() throws Exception {
        OperatorSubtaskState snapshot;
        try (Harnessed h = harness(settings(100, 2000, true), null)) {
            h.harness().open();
            h.harness().processModelUpdate(outside(50, 17));
            // The round's thread has applied it; its outcome waits in the mailbox.
            snapshot = h.harness().snapshot(1, 1);
        }
        try (Harnessed restored = harness(settings(100, 2000, true), null)) {
            restored.harness().initializeState(snapshot);
            restored.harness().open();
            assertThat(restored.gauge("modelVersion")).isEqualTo(50L);

            restored.sendRoundByRound(examples(new Random(18), 100), 100);

            assertThat(restored.published()).extracting(ModelUpdate::version).containsExactly(51L);
            assertThat(restored.published().get(0).parentVersion()).isEqualTo(50);
        }
    }

    /** A rounds' thread held until released, or until the trainer closes and interrupts it. */
    private static ExecutorService heldUntil(CountDownLatch release) {
        ExecutorService held = Executors.newSingleThreadExecutor();
        held.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return held;
    }
}
