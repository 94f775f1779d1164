package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.snapshot.ModelUpdateCodec;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sequence of model versions, on a real broker, both ways: the trainer's versions appear on
 * the {@code model-updates} topic, and a version pushed there from outside with a number far
 * above the trainer's becomes the trainer's live model, so that the versions it trains next are
 * numbered above it and reach every scorer (before, every later trainer version was "not newer"
 * at the scorers and learning silently stopped reaching them).
 */
class VersionsOnKafkaTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster(METRICS.addToConfiguration(new Configuration()));

    private static final String PREFIX = "versions";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NetworkConfig NETWORK = NetworkConfig.defaults();
    private static final int CHUNK = 2000;
    private static final int TRAIN_EVERY = 200;
    private static final long PUSHED = 1000;

    @TempDir Path dir;

    @Test
    void aVersionPushedFromOutsideBecomesTheTrainersAndItsNextVersionsReachEveryScorer() throws Exception {
        JobClient job =
                TestJob.start(
                        TestJob.config(
                                KAFKA.bootstrapServers(),
                                PREFIX,
                                Map.of(
                                        "kafka.starting-offsets", "earliest",
                                        "model.path", TestJob.randomModel(dir.resolve("v1.zip"), 3).toString(),
                                        "train.every", String.valueOf(TRAIN_EVERY),
                                        "train.cpu-share", "1.0",
                                        // Versions must come out, better or not: the gate is not what is tested.
                                        "train.gate.auc-margin", "1",
                                        "train.gate.loss-margin", "1000",
                                        // Nor is the rollback watch, which might roll the pushed random weights back.
                                        "train.rollback.margin", "1")),
                        dir.resolve("checkpoints"));
        JobCounters counters = new JobCounters(METRICS, job);
        TrainerPacedSender sender = new TrainerPacedSender(KAFKA.bootstrapServers(), counters, CHUNK, TRAIN_EVERY);
        ClickstreamSimulation simulation =
                new ClickstreamSimulation(SimulatedStream.settings(KAFKA.bootstrapServers(), PREFIX, 21, 1500, 0.0), BehaviourModel.standard());
        try (TopicReader topic = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-model-updates");
                TopicReader scoreReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores");
                TestProducer models = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-model-updates")) {
            for (int chunk = 0; chunk < 10 && own(topic.readFor(Duration.ofSeconds(1))).isEmpty(); chunk++) {
                sender.send(next(simulation, CHUNK));
            }
            List<ModelUpdate> before = own(topic.readUntil(r -> !own(r).isEmpty(), Duration.ofSeconds(30)));
            assertThat(before).as("the trainer's versions on the topic").isNotEmpty().allSatisfy(v -> assertThat(v.version()).isLessThan(PUSHED));

            IntentNetwork elsewhere = IntentNetwork.create(NETWORK, 7);
            models.send(0, "model", ModelUpdateCodec.encode(new ModelUpdate(PUSHED, 0, NETWORK.hash(), 0L, elsewhere.params(), "{\"origin\":\"elsewhere\"}")));

            List<JsonNode> scores = List.of();
            for (int chunk = 0; chunk < 15 && TestJob.scoringSubtasks(scores, v -> v > PUSHED).size() < TestJob.PARALLELISM; chunk++) {
                sender.send(next(simulation, CHUNK));
                scores = TopicReader.json(scoreReader.readFor(Duration.ofSeconds(2)));
            }

            assertThat(TestJob.scoringSubtasks(scores, v -> v > PUSHED)).as("subtasks scoring with a trained version above the pushed one")
                    .hasSize(TestJob.PARALLELISM);
            assertThat(counters.counter("adoptedVersions")).isEqualTo(1);
            assertThat(counters.counter("refusedModelUpdates")).as("its own versions read back are not refused").isZero();
            List<ModelUpdate> published = own(topic.readFor(Duration.ofSeconds(2)));
            List<ModelUpdate> after = published.stream().filter(v -> v.version() > PUSHED).toList();
            assertThat(after).as("trained after the pushed version, on the topic").isNotEmpty();
            assertThat(after.get(0).parentVersion()).as("trained from the pushed version").isEqualTo(PUSHED);
            assertThat(published).extracting(ModelUpdate::version).as("each once, in order (exactly-once)").isSorted().doesNotHaveDuplicates();
            assertThat(published).extracting(ModelUpdate::version).as("the pushed version is not published again").doesNotContain(PUSHED);
        } finally {
            TestJob.stop(job);
        }
    }

    private static List<GeneratedRecord> next(ClickstreamSimulation simulation, int count) {
        List<GeneratedRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(simulation.next());
        }
        return records;
    }

    /** The versions on the topic that this job's trainer published (its origin is the job's transactional-id prefix). */
    private static List<ModelUpdate> own(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ModelUpdate> own = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                ModelUpdate update = ModelUpdateCodec.decode(record.value());
                if (PREFIX.equals(JSON.readTree(update.metrics()).path("origin").asText())) {
                    own.add(update);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("not a model update at offset " + record.offset(), e);
            }
        }
        return own;
    }
}
