package io.intentflow.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.training.FineTunerSettings;
import io.intentflow.records.LabelledExample;
import io.intentflow.records.SessionPrefix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {

    private static final NetworkConfig NETWORK = new NetworkConfig(8, 3, 16);

    @TempDir Path registry;

    private TrainerSettings settings() {
        return new TrainerSettings(
                NETWORK, new FineTunerSettings(500, 1.0, 2, 32, 5, 200, 0.05, 0.5, 3.0, 5e-3), 100, Duration.ofHours(1), 50, registry.toString(), 500);
    }

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
            out.add(new LabelledExample(prefix, carted, ts + 60_000));
        }
        return out;
    }

    private static OneInputStreamOperatorTestHarness<LabelledExample, ModelUpdate> harness(Trainer trainer) throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(trainer));
    }

    @Test
    void publishesMonotonicVersionsThatSurviveARestore() throws Exception {
        Random random = new Random(1);
        List<ModelUpdate> before;
        OperatorSubtaskState snapshot;
        try (var first = harness(new Trainer(settings(), null))) {
            first.open();
            for (LabelledExample example : examples(random, 600)) {
                first.processElement(new StreamRecord<>(example));
            }
            before = first.extractOutputValues();
            snapshot = first.snapshot(1, 1);
        }
        assertThat(before).as("published versions").isNotEmpty();
        assertThat(before).extracting(ModelUpdate::version).isSorted().doesNotHaveDuplicates();
        assertThat(before.get(0).parentVersion()).isZero();
        long last = before.get(before.size() - 1).version();
        assertThat(Files.exists(registry.resolve("model-v" + last + ".zip"))).isTrue();
        assertThat(ModelFiles.load(registry.resolve("model-v" + last + ".zip")).update().params())
                .containsExactly(before.get(before.size() - 1).params());

        List<ModelUpdate> after;
        try (var second = harness(new Trainer(settings(), null))) {
            second.initializeState(snapshot);
            second.open();
            for (LabelledExample example : examples(random, 600)) {
                second.processElement(new StreamRecord<>(example));
            }
            after = second.extractOutputValues();
        }
        assertThat(after).isNotEmpty();
        assertThat(after.get(0).version()).as("the counter survived the restore").isEqualTo(last + 1);
        assertThat(after.get(0).parentVersion()).isEqualTo(last);
        assertThat(after.get(0).metrics()).contains("gateAucCandidate");
    }

    @Test
    void startsCountingFromTheInitialModelsVersion() throws Exception {
        ModelUpdate initial = new ModelUpdate(41, 40, NETWORK.hash(), 0L, IntentNetwork.create(NETWORK, 9).params(), "");
        try (var h = harness(new Trainer(settings(), initial))) {
            h.open();
            for (LabelledExample example : examples(new Random(2), 400)) {
                h.processElement(new StreamRecord<>(example));
            }
            assertThat(h.extractOutputValues()).isNotEmpty().allSatisfy(u -> assertThat(u.version()).isGreaterThan(41));
        }
    }

    @Test
    void failsTheRestoreOfAModelOfAnotherNetworkInsteadOfStartingOver() throws Exception {
        ModelUpdate initial = new ModelUpdate(5, 4, NETWORK.hash(), 0L, IntentNetwork.create(NETWORK, 9).params(), "");
        OperatorSubtaskState snapshot;
        try (var h = harness(new Trainer(settings(), initial))) {
            h.open();
            snapshot = h.snapshot(1, 1);
        }
        NetworkConfig bigger = new NetworkConfig(16, 3, 32);
        TrainerSettings resized = new TrainerSettings(bigger, settings().fineTuning(), 100, Duration.ofHours(1), 50, null, 500);
        try (var h = harness(new Trainer(resized, null))) {
            assertThatThrownBy(() -> h.initializeState(snapshot))
                    .isInstanceOf(SuppressRestartsException.class)
                    .rootCause()
                    .hasMessageContaining("trainer holds model version 5")
                    .hasMessageContaining("model.conv-channels, model.kernel and model.lstm-size");
        }
    }
}
