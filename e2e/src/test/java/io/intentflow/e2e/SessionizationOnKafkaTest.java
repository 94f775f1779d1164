package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end on a real broker: a known stream with malformed, duplicate, out-of-order
 * and late records, sessions that split on the gap and merge on a bridging event.
 *
 * <p>The watermark bound is 2 h here, so that sessions stay open while the test arranges them;
 * phase 2 is sent only once phase 1 is through, so "late" does not depend on timing.
 */
class SessionizationOnKafkaTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final String PREFIX = "scenario";

    @TempDir Path checkpoints;

    private JobClient job;
    private TestProducer clicks;

    private static long min(long minutes) {
        return T0 + Duration.ofMinutes(minutes).toMillis();
    }

    @BeforeEach
    void startJob() throws Exception {
        Configuration conf =
                TestJob.config(
                        KAFKA.bootstrapServers(),
                        PREFIX,
                        Map.of("watermark.out-of-orderness", "2 h", "kafka.starting-offsets", "earliest"));
        job = TestJob.start(conf, checkpoints);
        clicks = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-clicks");
    }

    @AfterEach
    void stopJob() throws Exception {
        clicks.close();
        TestJob.stop(job);
    }

    @Test
    void everyRecordIsSessionizedOrDeadLetteredWithItsReason() throws Exception {
        Map<String, RecordMetadata> malformed = new HashMap<>();
        // Phase 1, partition 0: user A's early session, user C's two sessions 40 minutes apart,
        // user D out of order.
        clicks.send(0, "A", click("a1", "A", "view", min(-240)));
        clicks.send(0, "A", click("a2", "A", "add_to_cart", min(-235)));
        clicks.send(0, "C", click("c1", "C", "view", min(0)));
        clicks.send(0, "C", click("c2", "C", "view", min(10)));
        clicks.send(0, "C", click("c3", "C", "search", min(50)));
        clicks.send(0, "C", click("c4", "C", "view", min(60)));
        clicks.send(0, "D", click("d1", "D", "view", min(1)));
        clicks.send(0, "D", click("d3", "D", "view", min(3)));
        clicks.send(0, "D", click("d2", "D", "view", min(2)));
        // Phase 1, partition 1: malformed records, a producer retry, and time moving on.
        malformed.put("malformed_json", clicks.send(1, "B", "{\"eventId\":\"m1\",\"userId\":\"B\",\"type\":\"vi"));
        malformed.put("unknown_type", clicks.send(1, "B", click("m2", "B", "teleport", min(5))));
        malformed.put("invalid_price", clicks.send(1, "B", click("m3", "B", "view", min(5)).replace("9.5", "-3")));
        malformed.put("missing_field", clicks.send(1, "B", click("m4", "", "view", min(5))));
        malformed.put("invalid_timestamp", clicks.send(1, "B", click("m5", "B", "view", 946_684_799_999L)));
        malformed.put("not_an_object", clicks.send(1, "B", "[\"view\"]"));
        String retried = click("e1", "E", "wishlist", min(5));
        clicks.send(1, "E", retried);
        clicks.send(1, "E", retried);
        clicks.send(1, "B", click("b1", "B", "view", min(60)));
        clicks.send(0, "B", click("b2", "B", "view", min(61)));

        try (TopicReader updates = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-session-updates")) {
            updates.readUntil(r -> r.size() >= 13, Duration.ofSeconds(60));
            // Let the periodic watermark (2 h behind the newest event) reach the windows.
            Thread.sleep(1500);

            // Phase 2: A's straggler is later than its session's end; C's bridge joins its sessions.
            RecordMetadata late = clicks.send(0, "A", click("a-late", "A", "view", min(-239)));
            clicks.send(0, "C", click("c-bridge", "C", "view", min(30)));

            List<JsonNode> all = TopicReader.json(updates.readUntil(r -> r.size() >= 14, Duration.ofSeconds(60)));
            List<JsonNode> deadLetters = deadLetters(malformed.size() + 1);

            assertThat(all).hasSize(14);
            assertThat(all).extracting(u -> u.get("triggerEventId").asText())
                    .containsExactlyInAnyOrder(
                            "a1", "a2", "c1", "c2", "c3", "c4", "d1", "d3", "d2", "e1", "e1", "b1", "b2", "c-bridge");

            assertThat(update(all, "c2").get("sessionId").asText()).isEqualTo("C-" + min(0));
            assertThat(update(all, "c4").get("sessionId").asText()).isEqualTo("C-" + min(50));
            JsonNode bridged = update(all, "c-bridge");
            assertThat(bridged.get("sessionId").asText()).isEqualTo("C-" + min(0));
            assertThat(bridged.get("change").asText()).isEqualTo("merged");
            assertThat(bridged.get("events").asInt()).isEqualTo(5);
            assertThat(bridged.get("startTs").asLong()).isEqualTo(min(0));
            assertThat(bridged.get("lastTs").asLong()).isEqualTo(min(60));

            assertThat(update(all, "d2").get("change").asText()).isEqualTo("inserted");
            assertThat(update(all, "d2").get("events").asInt()).isEqualTo(3);
            assertThat(update(all, "a2").get("events").asInt()).isEqualTo(2);
            assertThat(all.stream().filter(u -> u.get("triggerEventId").asText().equals("e1")))
                    .extracting(u -> u.get("change").asText())
                    .containsExactlyInAnyOrder("appended", "duplicate");

            assertThat(deadLetters).hasSize(malformed.size() + 1);
            malformed.forEach(
                    (reason, sent) -> assertThat(deadLetterAt(deadLetters, sent).get("reason").asText())
                            .as("dead letter at offset %d", sent.offset())
                            .isEqualTo(reason));
            JsonNode lateLetter = deadLetterAt(deadLetters, late);
            assertThat(lateLetter.get("reason").asText()).isEqualTo("late");
            assertThat(JSON.readTree(lateLetter.get("payload").asText()).get("eventId").asText()).isEqualTo("a-late");

            assertThat(TopicReader.json(updates.readFor(Duration.ofSeconds(2)))).as("nothing more than expected").hasSize(14);
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        }
    }

    private List<JsonNode> deadLetters(int expected) {
        try (TopicReader reader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-dead-letters")) {
            return TopicReader.json(reader.readUntil(r -> r.size() >= expected, Duration.ofSeconds(60)));
        }
    }

    private static JsonNode update(List<JsonNode> updates, String triggerEventId) {
        return updates.stream()
                .filter(u -> u.get("triggerEventId").asText().equals(triggerEventId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no update for " + triggerEventId));
    }

    private static JsonNode deadLetterAt(List<JsonNode> letters, RecordMetadata sent) {
        return letters.stream()
                .filter(d -> d.get("partition").asInt() == sent.partition() && d.get("offset").asLong() == sent.offset())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter for offset " + sent.offset()));
    }
}
