package io.intentflow.tools.kafka;

import io.intentflow.job.config.JobSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reading the job's output as a downstream consumer does, for the demo and the bench. */
public final class Consumers {

    private Consumers() {}

    /** A consumer on the job's brokers that sees committed records only (read_committed) and commits no offsets. */
    public static KafkaConsumer<byte[], byte[]> readCommitted(JobSettings settings) {
        Properties properties = new Properties();
        properties.putAll(settings.kafka().clientProperties());
        properties.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers());
        properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Assigns {@code consumer} every partition of {@code topics}, and returns them. */
    public static List<TopicPartition> assignAll(KafkaConsumer<?, ?> consumer, List<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        return partitions;
    }
}
