package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Explanations end to end on a real broker, through the job's own exactly-once sink: one per
 * session entering the high band, for the score that entered it, and none for the session's
 * later high scores.
 */
class ExplanationsOnKafkaTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster();

    private static final String PREFIX = "explained";
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final int USERS = 20;
    private static final int ROUNDS = 3;

    @TempDir Path dir;

    @Test
    void aSessionEnteringTheHighBandIsExplainedOnceWithTheVersionThatScoredIt() throws Exception {
        Path model = TestJob.randomModel(dir.resolve("model-v1.zip"), 1);
        // Every score is high, so each session enters the band with its first score and stays there.
        JobClient job = TestJob.start(
                TestJob.config(KAFKA.bootstrapServers(), PREFIX, Map.of(
                        "kafka.starting-offsets", "earliest", "model.path", model.toString(),
                        "score.band.medium", "0", "score.band.high", "0", "train.enabled", "false")),
                dir.resolve("checkpoints"));
        try (TestProducer clicks = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-clicks");
                TopicReader scoreReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores");
                TopicReader explanationReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-explanations")) {
            for (int round = 0; round < ROUNDS; round++) {
                for (int u = 0; u < USERS; u++) {
                    String user = "user-" + u;
                    clicks.send(u % 2, user, click("r" + round + "-" + user, user, round == 1 ? "add_to_cart" : "view", T0 + round * 60_000L));
                }
            }
            List<JsonNode> scores = TopicReader.json(scoreReader.readUntil(r -> r.size() >= USERS * ROUNDS, Duration.ofSeconds(60)));
            assertThat(scores).hasSize(USERS * ROUNDS).allSatisfy(s -> assertThat(s.get("band").asText()).isEqualTo("high"));
            explanationReader.readUntil(r -> r.size() >= USERS, Duration.ofSeconds(30));
            // A little longer: an explanation of a later high score would show up as more than one per session.
            List<JsonNode> explanations = TopicReader.json(explanationReader.readFor(Duration.ofSeconds(3)));

            assertThat(explanations).hasSize(USERS);
            assertThat(explanations).extracting(x -> x.get("eventId").asText())
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, USERS).mapToObj(u -> "r0-user-" + u).toList());
            for (JsonNode x : explanations) {
                JsonNode scored = scores.stream().filter(s -> s.get("eventId").equals(x.get("eventId"))).findFirst().orElseThrow();
                assertThat(x.get("modelVersion").asLong()).isEqualTo(scored.get("modelVersion").asLong()).isEqualTo(1);
                assertThat(x.get("score").floatValue()).isEqualTo(scored.get("score").floatValue());
                assertThat(x.get("reason").asText()).isEqualTo("high");
                assertThat(x.get("topEvents")).hasSize(1);
                assertThat(x.get("topEvents").get(0).get("eventId")).isEqualTo(x.get("eventId"));
                assertThat(x.get("groups").has("cart_state")).isTrue();
            }
        } finally {
            TestJob.stop(job);
        }
    }
}
