package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.savepoints.BootstrapCli;
import io.intentflow.savepoints.InspectCli;
import io.intentflow.savepoints.SavepointInspector;
import io.intentflow.savepoints.SavepointSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The savepoint tools against the real job on a real broker: what {@code savepoint-inspect}
 * reads from a stop-with-savepoint equals what the job held and reported; a job started from a
 * {@code savepoint-bootstrap} savepoint scores with that model's version from its first score;
 * and a savepoint whose model does not fit the configured network fails the job, naming the keys.
 */
class SavepointToolsTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster(METRICS.addToConfiguration(new Configuration()));

    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final NetworkConfig NETWORK = NetworkConfig.defaults();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path dir;

    @Test
    void inspectReadsWhatTheJobHeldWhenItStoppedWithASavepoint() throws Exception {
        String prefix = "inspect";
        int users = 30;
        int buyers = 7;
        JobClient job =
                TestJob.start(
                        TestJob.config(KAFKA.bootstrapServers(), prefix, Map.of(
                                "kafka.starting-offsets", "earliest",
                                "model.path", modelFile(1).toString(),
                                // One round at the 20th labelled example, whose candidate always passes.
                                "train.every", "20",
                                "train.interval", "1 h",
                                "train.gate.loss-margin", "1000")),
                        dir.resolve("checkpoints"));
        int clicks = 0;
        try (TestProducer clickTopic = new TestProducer(KAFKA.bootstrapServers(), prefix + "-clicks");
                TestProducer orderTopic = new TestProducer(KAFKA.bootstrapServers(), prefix + "-purchases");
                TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), prefix + "-scores")) {
            // Every user opens one session of three events: three sampled prefixes each.
            for (int event = 0; event < 3; event++) {
                for (int u = 0; u < users; u++) {
                    String user = "user-" + u;
                    clickTopic.send(u % 2, user, click("e" + event + "-" + user, user, event == 2 ? "add_to_cart" : "view", T0 + event * 20_000L + u));
                    clicks++;
                }
            }
            // Some of them buy: their prefixes become positive examples, the rest stay pending.
            for (int u = 0; u < buyers; u++) {
                String user = "user-" + u;
                orderTopic.send(u % 2, user, String.format(
                        "{\"orderId\":\"o-%s\",\"userId\":\"%s\",\"ts\":%d,\"amount\":19.0,\"items\":[\"i-1\"]}", user, user, T0 + 300_000L));
            }
            int sent = clicks;
            List<JsonNode> scored = TopicReader.json(scores.readUntil(r -> r.size() >= sent, WAIT));
            assertThat(scored).as("one score per click").hasSize(clicks);
            waitFor(() -> sum(job, "Score intent", "modelVersion") == 2L * TestJob.PARALLELISM, "both scorer subtasks on version 2");

            String savepoint = job.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            System.out.print(InspectCli.run(new String[] {savepoint}));
            SavepointSummary summary = SavepointInspector.inspect(savepoint);

            long examples = sum(job, "Train and publish", "examples");
            long positives = sum(job, "Join labels", "labels.positive");
            long sessions = scored.stream().map(s -> s.get("sessionId").asText()).distinct().count();
            System.out.printf(
                    "SavepointToolsTest: sent %d clicks and %d orders; scored %d in %d sessions; job reported model v%d, %d examples (%d positive), replay %d%n",
                    clicks, buyers, scored.size(), sessions, sum(job, "Train and publish", "modelVersion"), examples, positives,
                    sum(job, "Train and publish", "replayBufferSize"));

            assertThat(summary.model().version()).as("live model version").isEqualTo(2);
            assertThat(summary.model().parentVersion()).isEqualTo(1);
            assertThat(summary.model().configHash()).isEqualTo(NETWORK.hash());
            SavepointSummary.Trainer trainer = summary.trainer();
            assertThat(trainer.version()).as("trainer version counter").isEqualTo(sum(job, "Train and publish", "modelVersion")).isEqualTo(2);
            assertThat(trainer.replayBuffer()).as("replay buffer").isEqualTo(sum(job, "Train and publish", "replayBufferSize"));
            assertThat(trainer.examplesSeen() + trainer.gateWindow() + trainer.waiting())
                    .as("trained on, held back for the gate, waiting: every example the trainer took")
                    .isEqualTo(examples)
                    .isEqualTo(positives)
                    .isEqualTo(3L * buyers);
            assertThat(trainer.waiting()).as("examples after the round at 20").isEqualTo(1);
            assertThat(trainer.learningAhead()).as("the round's candidate went live: learning goes on from it").isFalse();
            assertThat(trainer.shadowOnTrial()).isFalse();
            assertThat(summary.openSessions()).as("scored sessions").isEqualTo(sessions).isEqualTo(users);
            assertThat(summary.usersWithOpenSessions()).isEqualTo(users);
            assertThat(summary.sessionWindows()).as("session windows").isEqualTo(users);
            assertThat(summary.pendingLabels()).as("prefixes without a label yet").isEqualTo(3L * users - positives);
        } finally {
            TestJob.stop(job);
        }
    }

    @Test
    void aJobStartedFromABootstrappedSavepointScoresWithItsModel() throws Exception {
        String prefix = "bootstrap";
        Path savepoint = dir.resolve("bootstrapped");
        System.out.print(BootstrapCli.run(new String[] {"--model", modelFile(4242).toString(), "--out", savepoint.toString()}));
        Map<String, String> fromSavepoint = new HashMap<>(Map.of("kafka.starting-offsets", "earliest"));
        fromSavepoint.put(StateRecoveryOptions.SAVEPOINT_PATH.key(), savepoint.toString());
        JobClient job = TestJob.start(TestJob.config(KAFKA.bootstrapServers(), prefix, fromSavepoint), dir.resolve("checkpoints"));
        try (TestProducer clickTopic = new TestProducer(KAFKA.bootstrapServers(), prefix + "-clicks");
                TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), prefix + "-scores")) {
            int sent = 0;
            for (int u = 0; u < 20; u++) {
                String user = "user-" + u;
                clickTopic.send(u % 2, user, click("e-" + user, user, "view", T0 + u));
                sent++;
            }
            int expected = sent;
            List<JsonNode> scored = TopicReader.json(scores.readUntil(r -> r.size() >= expected, WAIT));
            System.out.printf("SavepointToolsTest: sent %d clicks to a job from a bootstrapped savepoint; scored %d, versions %s%n",
                    sent, scored.size(), scored.stream().map(s -> s.get("modelVersion").asLong()).distinct().toList());

            assertThat(scored).hasSize(sent);
            assertThat(scored.get(0).get("modelVersion").asLong()).as("the first score's model version").isEqualTo(4242);
            assertThat(scored).allSatisfy(s -> assertThat(s.get("modelVersion").asLong()).isEqualTo(4242));
            assertThat(sum(job, "Train and publish", "modelVersion")).as("the trainer's version counter").isEqualTo(4242);
        } finally {
            TestJob.stop(job);
        }
    }

    @Test
    void aSavepointWhoseModelDoesNotFitTheNetworkFailsTheJobNamingTheKeys() throws Exception {
        Path savepoint = dir.resolve("bootstrapped");
        BootstrapCli.run(new String[] {"--model", modelFile(7).toString(), "--out", savepoint.toString()});
        Map<String, String> resized = new HashMap<>(Map.of("model.conv-channels", "8", "model.lstm-size", "16"));
        resized.put(StateRecoveryOptions.SAVEPOINT_PATH.key(), savepoint.toString());
        JobClient job = TestJob.start(TestJob.config(KAFKA.bootstrapServers(), "resized", resized), dir.resolve("checkpoints"));

        assertThatThrownBy(() -> job.getJobExecutionResult().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .rootCause()
                .hasMessageContaining("holds model version 7")
                .hasMessageContaining("model.conv-channels, model.kernel and model.lstm-size");
    }

    /** A model of the job's network with random weights, as a model file of {@code version}. */
    private Path modelFile(long version) throws Exception {
        IntentNetwork network = IntentNetwork.create(NETWORK, version);
        Path file = dir.resolve("model-v" + version + ".zip");
        ModelFiles.save(file, network, new ModelUpdate(version, 0, NETWORK.hash(), System.currentTimeMillis(), network.params(), ""));
        return file;
    }

    /** The sum over subtasks of an operator's metric (operator named starting with {@code operator}). */
    private static long sum(JobClient job, String operator, String metric) {
        String identifier = "\\." + Pattern.quote(operator) + "[^.]*\\.\\d+\\." + Pattern.quote(metric) + "$";
        return METRICS.findMetrics(job.getJobID(), identifier).values().stream().mapToLong(SavepointToolsTest::value).sum();
    }

    private static long value(Metric metric) {
        if (metric instanceof Counter counter) {
            return counter.getCount();
        }
        if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
            return number.longValue();
        }
        return 0;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

}
