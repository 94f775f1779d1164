package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random and mutated records mixed with valid ones: the job must neither fail nor
 * restart, and every record must be accounted for exactly once, as a session update (matched by
 * event id) or as a dead letter (matched by partition and offset).
 */
class RandomizedInputTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RECORDS = 12_000;
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final String PREFIX = "randomized";

    @TempDir Path checkpoints;

    @Test
    void theJobSurvivesGarbageAndAccountsForEveryRecord() throws Exception {
        long seed = Long.getLong("intentflow.test.seed", 20261123L);
        System.out.println("RandomizedInputTest seed=" + seed + " (rerun with -Dintentflow.test.seed=" + seed + ")");
        JobClient job =
                TestJob.start(
                        TestJob.config(KAFKA.bootstrapServers(), PREFIX, Map.of("kafka.starting-offsets", "earliest")),
                        checkpoints);
        try {
            List<Sent> sent = send(new RecordMutator(new SplittableRandom(seed), T0), RECORDS);

            List<JsonNode> updates;
            List<JsonNode> deadLetters;
            try (TopicReader updateReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-session-updates");
                    TopicReader deadLetterReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-dead-letters")) {
                long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
                int seen = 0;
                while (seen < RECORDS && System.nanoTime() < deadline) {
                    seen = updateReader.readFor(Duration.ofMillis(500)).size() + deadLetterReader.readFor(Duration.ofMillis(500)).size();
                }
                updates = TopicReader.json(updateReader.readFor(Duration.ofSeconds(2)));
                deadLetters = TopicReader.json(deadLetterReader.readFor(Duration.ofSeconds(1)));
            }

            Map<String, Long> reasons =
                    deadLetters.stream().collect(Collectors.groupingBy(d -> d.get("reason").asText(), TreeMap::new, Collectors.counting()));
            System.out.printf(
                    "RandomizedInputTest: sent=%d updates=%d dead_letters=%d by reason %s%n",
                    sent.size(), updates.size(), deadLetters.size(), reasons);

            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).as("the job never failed").isEqualTo(JobStatus.RUNNING);
            assertThat(updates.size() + deadLetters.size()).as("every record accounted for once").isEqualTo(RECORDS);

            Map<String, Sent> byOrigin = new HashMap<>();
            sent.forEach(s -> byOrigin.put(s.origin(), s));
            List<String> usedEventIds = new ArrayList<>();
            Map<String, Boolean> deadLettered = new HashMap<>();
            for (JsonNode letter : deadLetters) {
                String origin = letter.get("partition").asInt() + "@" + letter.get("offset").asLong();
                assertThat(byOrigin).as("dead letter points at a sent record").containsKey(origin);
                assertThat(deadLettered.put(origin, true)).as("dead-lettered once: " + origin).isNull();
            }
            sent.stream().filter(s -> !deadLettered.containsKey(s.origin())).forEach(s -> usedEventIds.add(eventId(s.value())));
            assertThat(updates.stream().map(u -> u.get("triggerEventId").asText()).toList())
                    .as("each record not dead-lettered triggered exactly one session update")
                    .containsExactlyInAnyOrderElementsOf(usedEventIds);
            assertThat(reasons).containsKeys("late", "malformed_json", "oversize", "invalid_field", "missing_field", "unknown_type", "invalid_price", "invalid_timestamp", "not_an_object");
        } finally {
            TestJob.stop(job);
        }
    }

    private record Sent(String origin, byte[] value) {}

    private List<Sent> send(RecordMutator mutator, int count) throws Exception {
        Map<String, Object> config =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, 5,
                        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                RecordMutator.Record record = mutator.next();
                values.add(record.value());
                futures.add(producer.send(new ProducerRecord<>(PREFIX + "-clicks", record.key(), record.value())));
            }
        }
        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RecordMetadata meta = futures.get(i).get(30, TimeUnit.SECONDS);
            sent.add(new Sent(meta.partition() + "@" + meta.offset(), values.get(i)));
        }
        return sent;
    }

    private static String eventId(byte[] value) {
        try {
            return JSON.readTree(value).get("eventId").asText();
        } catch (Exception e) {
            throw new AssertionError("a record the job accepted is not JSON: " + new String(value, StandardCharsets.UTF_8), e);
        }
    }
}
