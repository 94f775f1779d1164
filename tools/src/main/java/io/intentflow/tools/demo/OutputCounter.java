package io.intentflow.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.job.config.JobSettings;
import io.intentflow.tools.kafka.Consumers;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts what the job committed to its output topics, as a downstream consumer would see it
 * (read_committed), from the offsets at which it was started. Used from one thread.
 */
final class OutputCounter implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final JobSettings.Topics topics;
    private final Map<String, Long> deadLettersByReason = new HashMap<>();
    private final Set<String> sessions = new HashSet<>();
    private long updates;
    private long deadLetters;
    private long scores;
    private long modelVersion;
    private final Set<Long> versions = new HashSet<>();

    OutputCounter(JobSettings settings) {
        this.topics = settings.topics();
        consumer = Consumers.readCommitted(settings);
        List<TopicPartition> partitions =
                Consumers.assignAll(consumer, List.of(topics.sessionUpdates(), topics.deadLetters(), topics.scores()));
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Reads whatever has been committed since the last call, for at most {@code wait}. */
    void poll(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(wait)) {
            JsonNode json = parse(record.value());
            if (record.topic().equals(topics.sessionUpdates())) {
                updates++;
                sessions.add(json.path("sessionId").asText());
            } else if (record.topic().equals(topics.scores())) {
                scores++;
                modelVersion = Math.max(modelVersion, json.path("modelVersion").asLong());
                versions.add(json.path("modelVersion").asLong());
            } else {
                deadLetters++;
                deadLettersByReason.merge(json.path("reason").asText("?"), 1L, Long::sum);
            }
        }
    }

    long updates() {
        return updates;
    }

    long deadLetters() {
        return deadLetters;
    }

    long deadLetters(String reason) {
        return deadLettersByReason.getOrDefault(reason, 0L);
    }

    long scores() {
        return scores;
    }

    /** The newest model version seen on a score. */
    long modelVersion() {
        return modelVersion;
    }

    /** How many model versions have scored. */
    long versions() {
        return versions.size();
    }

    long sessions() {
        return sessions.size();
    }

    private static JsonNode parse(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new IllegalStateException("the job wrote a record that is not JSON", e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
