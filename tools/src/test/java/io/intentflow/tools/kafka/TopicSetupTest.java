package io.intentflow.tools.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.job.config.JobSettings;
import io.intentflow.tools.FreePorts;
import io.intentflow.tools.broker.BrokerSettings;
import io.intentflow.tools.broker.KafkaBroker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class TopicSetupTest {

    private static final int PARTITIONS = 8;

    @TempDir Path dataDir;

    /**
     * The bench and the demo write as soon as their topics exist. A write the broker refuses
     * because it does not serve the new partition yet is retried, and an idempotent producer's
     * retry can then be refused as out of sequence until its delivery timeout (KAFKA-15591):
     * so none may be needed.
     */
    @Test
    void everyPartitionOfTheTopicsItCreatesTakesItsFirstWriteWithoutARetry() throws Exception {
        try (KafkaBroker broker = startBroker()) {
            JobSettings settings = JobSettings.from(Configuration.fromMap(Map.of("kafka.bootstrap.servers", broker.bootstrapServers())));
            TopicSetup.ensureTopics(settings, PARTITIONS);

            assertThat(recordsRetried(broker.bootstrapServers(), List.of(settings.topics().clicks(), settings.topics().purchases())))
                    .as("records sent again").isZero();
        }
    }

    /** What generate and replay wait for before writing into topics someone else just created. */
    @Test
    void topicsJustCreatedElsewhereTakeTheirFirstWriteWithoutARetryOnceServed() throws Exception {
        try (KafkaBroker broker = startBroker();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            List<String> topics = List.of("clicks", "purchases");
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, PARTITIONS, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
            TopicSetup.awaitServed(broker.bootstrapServers(), Map.of("clicks", PARTITIONS, "purchases", PARTITIONS));

            assertThat(recordsRetried(broker.bootstrapServers(), topics)).as("records sent again").isZero();
        }
    }

    /** A topic whose metadata has not reached the broker yet is waited for, not a failure. */
    @Test
    void aTopicNotYetKnownToTheBrokerIsWaitedFor() throws Exception {
        try (KafkaBroker broker = startBroker();
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            CompletableFuture<Void> served =
                    CompletableFuture.runAsync(() -> TopicSetup.awaitServed(broker.bootstrapServers(), Map.of("later", PARTITIONS)));
            Thread.sleep(2000);
            assertThat(served).as("still waiting for a topic that does not exist yet").isNotDone();

            admin.createTopics(List.of(new NewTopic("later", PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);

            served.get(30, TimeUnit.SECONDS);
            assertThat(recordsRetried(broker.bootstrapServers(), List.of("later"))).as("records sent again").isZero();
        }
    }

    private KafkaBroker startBroker() throws Exception {
        return KafkaBroker.start(new BrokerSettings(dataDir, FreePorts.next(), FreePorts.next(), 512));
    }

    /** Writes one record to every partition of {@code topics}, waits for each, and counts the records the producer had to send again. */
    private static double recordsRetried(String bootstrap, List<String> topics) throws Exception {
        try (KafkaProducer<String, String> producer = idempotentProducer(bootstrap)) {
            List<Future<RecordMetadata>> writes = new ArrayList<>();
            for (String topic : topics) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    writes.add(producer.send(new ProducerRecord<>(topic, partition, "user-" + partition, "first")));
                }
            }
            for (Future<RecordMetadata> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
            return metric(producer, "record-retry-total");
        }
    }

    /** Like the launcher's writers (generate, replay, the bench's backlog): idempotent, several requests in flight. */
    private static KafkaProducer<String, String> idempotentProducer(String bootstrap) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static double metric(KafkaProducer<?, ?> producer, String name) {
        return producer.metrics().entrySet().stream()
                .filter(e -> e.getKey().group().equals("producer-metrics") && e.getKey().name().equals(name))
                .map(Map.Entry::getValue)
                .map(Metric::metricValue)
                .mapToDouble(value -> ((Number) value).doubleValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the producer has no metric " + name));
    }
}
