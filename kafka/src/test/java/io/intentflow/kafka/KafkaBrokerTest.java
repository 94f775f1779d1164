package io.intentflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir Path dataDir;

    @Test
    void servesTransactionsAndKeepsItsDataAcrossARestart() throws Exception {
        BrokerSettings settings = new BrokerSettings(dataDir, freePort(), freePort(), 512);
        long pid;
        try (KafkaBroker broker = KafkaBroker.start(settings)) {
            pid = broker.pid();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("t", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            Properties producerConfig = new Properties();
            producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("t", "k" + i, "v" + i));
                }
                producer.commitTransaction();
            }
            assertThat(readCommitted(broker.bootstrapServers(), 100)).hasSize(100);
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("broker process gone").isFalse();

        try (KafkaBroker restarted = KafkaBroker.start(settings)) {
            assertThat(readCommitted(restarted.bootstrapServers(), 100)).as("data survives a restart").hasSize(100);
        }
    }

    @Test
    void theCliStartsADetachedBrokerAndStopsIt() throws Exception {
        int port = freePort();
        String[] flags = {"--dir", dataDir.toString(), "--port", Integer.toString(port), "--controller-port", Integer.toString(freePort())};

        assertThat(KafkaBrokerCli.run(command("start", flags))).isZero();
        assertThat(KafkaBroker.isReachable("127.0.0.1", port)).isTrue();
        assertThat(KafkaBrokerCli.run(command("start", flags))).as("a second start finds the first").isZero();
        assertThat(KafkaBrokerCli.run(command("status", flags))).isZero();

        assertThat(KafkaBrokerCli.run(command("stop", flags))).isZero();
        assertThat(KafkaBroker.isReachable("127.0.0.1", port)).isFalse();
        assertThat(KafkaBrokerCli.run(command("status", flags))).as("not running").isEqualTo(3);
    }

    private static String[] command(String verb, String[] flags) {
        List<String> args = new ArrayList<>(List.of(verb));
        args.addAll(List.of(flags));
        return args.toArray(String[]::new);
    }

    private static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition("t", 0), new TopicPartition("t", 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
