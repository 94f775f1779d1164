package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.model.snapshot.ModelUpdateCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring end to end on a real broker: one committed score per valid click, a new model version
 * taken up by every scoring subtask without a restart, and a poisoned update refused while
 * scoring goes on.
 */
class ScoringOnKafkaTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster();

    private static final String PREFIX = "scoring";
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final int USERS = 40;
    private static final NetworkConfig NETWORK = NetworkConfig.defaults();

    @TempDir Path dir;

    private int sent;

    @Test
    void everyClickIsScoredOnceAndNewModelsReachEverySubtask() throws Exception {
        IntentNetwork v1 = IntentNetwork.create(NETWORK, 1);
        Path modelFile = dir.resolve("model-v1.zip");
        ModelFiles.save(modelFile, v1, new ModelUpdate(1, 0, NETWORK.hash(), 0L, v1.params(), ""));
        JobClient job =
                TestJob.start(
                        TestJob.config(KAFKA.bootstrapServers(), PREFIX, Map.of("kafka.starting-offsets", "earliest", "model.path", modelFile.toString())),
                        dir.resolve("checkpoints"));
        try (TestProducer clicks = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-clicks");
                TestProducer models = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-model-updates");
                TopicReader scoreReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores")) {
            sendRound(clicks, 0);
            sendRound(clicks, 1);
            List<JsonNode> first = TopicReader.json(scoreReader.readUntil(r -> r.size() >= sent, Duration.ofSeconds(60)));
            assertThat(first).hasSize(sent).allSatisfy(s -> assertThat(s.get("modelVersion").asLong()).isEqualTo(1));

            IntentNetwork v2 = IntentNetwork.create(NETWORK, 2);
            models.send(0, "model", ModelUpdateCodec.encode(new ModelUpdate(2, 1, NETWORK.hash(), 0L, v2.params(), "")));
            float[] poisoned = v2.params();
            poisoned[42] = Float.NaN;
            models.send(0, "model", ModelUpdateCodec.encode(new ModelUpdate(3, 2, NETWORK.hash(), 0L, poisoned, "")));

            // New versions arrive on their own stream: send rounds until every subtask has shown v2.
            List<JsonNode> scores = first;
            for (int round = 2; round < 40 && TestJob.scoringSubtasks(scores, v -> v == 2).size() < TestJob.PARALLELISM; round++) {
                sendRound(clicks, round);
                int expected = sent;
                scores = TopicReader.json(scoreReader.readUntil(r -> r.size() >= expected, Duration.ofSeconds(30)));
            }
            sendRound(clicks, 40);
            int expected = sent;
            scoreReader.readUntil(r -> r.size() >= expected, Duration.ofSeconds(30));
            // A little longer: a duplicate would show up as more scores than clicks.
            scores = TopicReader.json(scoreReader.readFor(Duration.ofSeconds(2)));

            assertThat(TestJob.scoringSubtasks(scores, v -> v == 2)).as("subtasks scoring with version 2").hasSize(TestJob.PARALLELISM);
            assertThat(scores).as("the NaN version is never live").noneMatch(s -> s.get("modelVersion").asLong() == 3);
            assertThat(scores).as("one score per click").hasSize(sent);
            Set<String> eventIds = new HashSet<>();
            scores.forEach(s -> assertThat(eventIds.add(s.get("eventId").asText())).as("scored once: " + s).isTrue());
            Map<String, Long> lastVersion = new HashMap<>();
            for (JsonNode s : scores) {
                long version = s.get("modelVersion").asLong();
                Long before = lastVersion.put(s.get("userId").asText(), version);
                assertThat(before == null || before <= version).as("a user's versions never go back").isTrue();
            }
            JsonNode last = scores.get(scores.size() - 1);
            assertThat(last.get("score").asDouble()).isBetween(0.0, 1.0);
            assertThat(last.get("band").asText()).isIn("low", "medium", "high");
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        } finally {
            TestJob.stop(job);
        }
    }

    /** One click per user, users spread over both partitions, a minute of event time apart. */
    private void sendRound(TestProducer clicks, int round) throws Exception {
        for (int u = 0; u < USERS; u++) {
            String user = "user-" + u;
            clicks.send(u % 2, user, click("r" + round + "-" + user, user, round % 3 == 2 ? "add_to_cart" : "view", T0 + round * 60_000L));
            sent++;
        }
    }
}
