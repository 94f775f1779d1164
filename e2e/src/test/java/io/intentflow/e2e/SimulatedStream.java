package io.intentflow.e2e;

import io.intentflow.tools.generate.GeneratedRecord;
import io.intentflow.tools.generate.GeneratorSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The generator's records, written to a test's topics as fast as the broker takes them. */
final class SimulatedStream {

    private SimulatedStream() {}

    static GeneratorSettings settings(String bootstrapServers, String topicPrefix, long seed, int users, double malformedRate) {
        return settings(bootstrapServers, topicPrefix, seed, users, malformedRate, Duration.ofDays(3));
    }

    /** Simulated time starting {@code history} ago. */
    static GeneratorSettings settings(
            String bootstrapServers, String topicPrefix, long seed, int users, double malformedRate, Duration history) {
        return new GeneratorSettings(
                bootstrapServers, 1, Optional.empty(), Optional.empty(), seed, users,
                System.currentTimeMillis() - history.toMillis(), malformedRate,
                topicPrefix + "-clicks", topicPrefix + "-purchases", Optional.empty());
    }

    static void send(String bootstrapServers, List<GeneratedRecord> records) {
        send(bootstrapServers, records, record -> null);
    }

    /** To the partition {@code partition} picks for each record; null leaves it to the key's hash. */
    static void send(String bootstrapServers, List<GeneratedRecord> records, Function<GeneratedRecord, Integer> partition) {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (GeneratedRecord record : records) {
                producer.send(
                        new ProducerRecord<>(
                                record.topic(), partition.apply(record), record.key().getBytes(StandardCharsets.UTF_8), record.value()));
            }
        }
    }
}
