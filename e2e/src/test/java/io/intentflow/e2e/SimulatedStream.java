package io.intentflow.e2e;

import io.intentflow.tools.generate.GeneratedRecord;
import io.intentflow.tools.generate.GeneratorSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The generator's records, written to a test's topics as fast as the broker takes them. */
final class SimulatedStream {

    private SimulatedStream() {}

    static GeneratorSettings settings(String bootstrapServers, String topicPrefix, long seed, int users, double malformedRate) {
        return new GeneratorSettings(
                bootstrapServers, 1, Optional.empty(), Optional.empty(), seed, users,
                System.currentTimeMillis() - Duration.ofDays(3).toMillis(), malformedRate,
                topicPrefix + "-clicks", topicPrefix + "-purchases");
    }

    static void send(String bootstrapServers, List<GeneratedRecord> records) {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 10);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (GeneratedRecord record : records) {
                producer.send(new ProducerRecord<>(record.topic(), record.key().getBytes(StandardCharsets.UTF_8), record.value()));
            }
        }
    }
}
