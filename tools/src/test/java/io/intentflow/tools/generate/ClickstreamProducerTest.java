package io.intentflow.tools.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.intentflow.tools.FreePorts;
import io.intentflow.tools.broker.BrokerSettings;
import io.intentflow.tools.broker.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ClickstreamProducerTest {

    private static final long RECORDS = 5000;

    @TempDir Path dataDir;

    /**
     * {@code generate} right after {@code kafka start}: its topics do not exist until its own
     * first request makes the broker create them, and it waits for their partitions to be served
     * before writing (see TopicSetup.awaitServed).
     */
    @Test
    void writesEveryRecordIntoTopicsTheBrokerCreatesForIt() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(new BrokerSettings(dataDir, FreePorts.next(), FreePorts.next(), 512))) {
            long start = System.currentTimeMillis() - Duration.ofDays(7).toMillis();
            GeneratorSettings settings = new GeneratorSettings(broker.bootstrapServers(), Integer.MAX_VALUE, Optional.empty(), Optional.of(RECORDS),
                    7, 100, start, GeneratorSettings.DEFAULT_MALFORMED_RATE, "fresh-clicks", "fresh-purchases", Optional.empty());

            ClickstreamProducer producer = new ClickstreamProducer(settings);
            producer.start();
            producer.await();

            assertThat(producer.sentTotal() + producer.refused()).as("records acknowledged or refused as oversize").isEqualTo(RECORDS);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(List.of("fresh-clicks", "fresh-purchases")).allTopicNames().get(30, TimeUnit.SECONDS);
                assertThat(topics.values()).as("created by the broker, with its default partitions").allSatisfy(t -> assertThat(t.partitions()).hasSize(4));
            }
        }
    }
}
