package io.intentflow.e2e;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Writes raw records to chosen partitions and reports where each landed. */
final class TestProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    TestProducer(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        properties.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(2 * 1024 * 1024));
        producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    /** Sends and waits, so that records of one partition keep the order they were sent in. */
    RecordMetadata send(int partition, String key, byte[] value) throws Exception {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        return producer.send(new ProducerRecord<>(topic, partition, keyBytes, value)).get(30, TimeUnit.SECONDS);
    }

    RecordMetadata send(int partition, String key, String value) throws Exception {
        return send(partition, key, value.getBytes(StandardCharsets.UTF_8));
    }

    static String click(String eventId, String userId, String type, long ts) {
        return String.format(
                "{\"eventId\":\"%s\",\"userId\":\"%s\",\"type\":\"%s\",\"itemId\":\"i-%s\",\"categoryId\":\"c1\",\"price\":9.5,\"ts\":%d}",
                eventId, userId, type, eventId, ts);
    }

    @Override
    public void close() {
        producer.close();
    }
}
