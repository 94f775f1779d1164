package io.intentflow.tools.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.job.config.JobSettings;
import io.intentflow.tools.kafka.TopicSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class KafkaBrokerTest {

    private static final String TOPIC = "records";
    private static final int RECORDS = 100;
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir Path dataDir;

    @Test
    void servesTransactionsUntilClosed() throws Exception {
        BrokerSettings settings = settings();
        long pid;
        try (KafkaBroker broker = KafkaBroker.start(settings)) {
            pid = broker.pid();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + settings.port());
            assertThat(dataDir.resolve("broker.pid")).hasContent(Long.toString(pid));
            assertThat(broker.lastLogLines()).as("what a failure it may explain ends with")
                    .contains("--- last lines of " + dataDir.resolve("broker.log"));
            createTopic(broker.bootstrapServers());
            produceInOneTransaction(broker.bootstrapServers());
            assertThat(readCommitted(broker.bootstrapServers())).containsExactlyInAnyOrderElementsOf(expectedValues());
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the broker process").isEmpty();
        assertThat(KafkaBroker.isReachable("127.0.0.1", settings.port())).isFalse();
        assertThat(dataDir.resolve("broker.pid")).doesNotExist();
    }

    @Test
    void restartsOnItsDataFolderWithTheRecordsKept() throws Exception {
        BrokerSettings settings = settings();
        try (KafkaBroker broker = KafkaBroker.start(settings)) {
            createTopic(broker.bootstrapServers());
            produceInOneTransaction(broker.bootstrapServers());
        }
        try (KafkaBroker restarted = KafkaBroker.start(settings)) {
            assertThat(readCommitted(restarted.bootstrapServers())).containsExactlyInAnyOrderElementsOf(expectedValues());
        }
    }

    @Test
    void aBrokerThatExitsDuringStartupIsReportedWithItsLastLogLines() throws IOException {
        // Storage formatted for another node: the broker refuses it and exits.
        Files.createDirectories(dataDir.resolve("logs"));
        Files.writeString(dataDir.resolve("logs").resolve("meta.properties"),
                "version=1\nnode.id=2\ncluster.id=MkU3OEVBNTcwNTJENDM2Qk\ndirectory.id=fS4Hb0F9RuSVnfmyqVxZ3Q\n");

        assertThatThrownBy(() -> KafkaBroker.start(settings()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("the Kafka broker exited during startup")
                .hasMessageContaining("broker.log")
                .hasMessageContaining("Stored node id 2 doesn't match previous node id 1");
        assertThat(dataDir.resolve("broker.pid")).doesNotExist();
    }

    @Test
    void aTakenPortIsReportedBeforeLaunching() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BrokerSettings settings = new BrokerSettings(dataDir, taken.getLocalPort(), freePort(), 512);

            assertThatThrownBy(() -> KafkaBroker.start(settings))
                    .isInstanceOf(IOException.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
        }
        assertThat(dataDir.resolve("broker.out")).doesNotExist();
    }

    @Test
    void theCliStartsADetachedBrokerFindsItAgainAndStopsIt() throws Exception {
        int port = freePort();
        String[] flags = {"--dir", dataDir.toString(), "--port", Integer.toString(port), "--controller-port", Integer.toString(freePort())};
        try {
            Cli start = Cli.run("start", flags);
            assertThat(start.code).isZero();
            assertThat(start.out).matches("kafka: started on 127\\.0\\.0\\.1:" + port + " \\(pid \\d+, data .+\\)\n");
            long pid = Long.parseLong(Files.readString(dataDir.resolve("broker.pid")).trim());
            assertThat(start.out).contains("pid " + pid);

            Cli again = Cli.run("start", flags);
            assertThat(again.code).as("a second start finds the first").isZero();
            assertThat(again.out).startsWith("kafka: already running on 127.0.0.1:" + port + " (pid " + pid);
            assertThat(Cli.run("status", flags).out).startsWith("kafka: running on 127.0.0.1:" + port);

            assertThat(Cli.run("stop", flags).out).isEqualTo("kafka: stopped (pid " + pid + ")\n");
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(dataDir.resolve("broker.pid")).doesNotExist();
            Cli status = Cli.run("status", flags);
            assertThat(status.code).isEqualTo(KafkaBrokerCli.NOT_RUNNING);
            assertThat(status.out).isEqualTo("kafka: not running\n");
        } finally {
            Cli.run("stop", flags);
        }
    }

    @Test
    void theCliSecuredBrokerLetsTheJobsPrincipalUseItsTopicsOnlyAndKeepsItsPasswordAcrossRestarts() throws Exception {
        int securedPort = freePort();
        String[] flags = {"--dir", dataDir.toString(), "--port", Integer.toString(freePort()), "--controller-port", Integer.toString(freePort()),
            "--secured-port", Integer.toString(securedPort)};
        String secured = "127.0.0.1:" + securedPort;
        try {
            Cli start = Cli.run("start", flags);
            assertThat(start.code).as(start.err).isZero();
            assertThat(start.out).contains("  --kafka.bootstrap.servers " + secured + "\n")
                    .contains("  --kafka.properties.sasl.jaas.config '${secret:" + dataDir.resolve("secrets").resolve(KafkaBrokerCli.PRINCIPAL) + ":sasl.jaas.config}'");
            String password = Files.readString(dataDir.resolve("secrets").resolve(KafkaBrokerCli.PRINCIPAL).resolve("password")).trim();
            assertThat(start.out).doesNotContain(password);
            String plaintext = start.out.lines().findFirst().orElseThrow().replaceAll("kafka: started on (\\S+) .*", "$1");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, plaintext))) {
                admin.createTopics(List.of(new NewTopic("clicks", 1, (short) 1), new NewTopic("not-the-jobs", 1, (short) 1)))
                        .all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            Cli.run("stop", flags);
            assertThat(Cli.run("start", flags).code).as("a restart on the same folder").isZero();

            Map<String, Object> client = new HashMap<>(BrokerAccess.clientProperties(dataDir, KafkaBrokerCli.PRINCIPAL));
            client.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, secured);
            try (Admin job = Admin.create(client)) {
                DescribeTopicsResult topics = job.describeTopics(List.of("clicks", "not-the-jobs"), new DescribeTopicsOptions().includeAuthorizedOperations(true));
                assertThat(topics.topicNameValues().get("clicks").get(WAIT.toSeconds(), TimeUnit.SECONDS).authorizedOperations())
                        .contains(AclOperation.READ, AclOperation.WRITE);
                assertThatThrownBy(() -> topics.topicNameValues().get("not-the-jobs").get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }
            client.put("sasl.jaas.config", BrokerAccess.jaasConfig(KafkaBrokerCli.PRINCIPAL, "wrong"));
            try (Admin stranger = Admin.create(client)) {
                assertThatThrownBy(() -> stranger.describeCluster().nodes().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        } finally {
            Cli.run("stop", flags);
        }
    }

    @Test
    void theCliGrantsTheJobsDefaultTopicsGroupAndTransactionalIds() {
        JobSettings defaults = JobSettings.from(new Configuration());
        JobSettings.Topics topics = defaults.topics();

        assertThat(KafkaBrokerCli.JOB_TOPICS).containsExactlyInAnyOrder(topics.clicks(), topics.purchases(), topics.sessionUpdates(),
                topics.deadLetters(), topics.scores(), topics.modelDrift(), topics.modelUpdates(), topics.explanations());
        assertThat(defaults.kafka().groupId()).startsWith(KafkaBrokerCli.PRINCIPAL);
        assertThat(defaults.kafka().transactionalIdPrefix()).startsWith(KafkaBrokerCli.PRINCIPAL);
    }

    @Test
    void theCliRejectsBadUsageWithOneLine() {
        Cli unknown = Cli.run("restart");
        assertThat(unknown.code).isEqualTo(KafkaBrokerCli.USAGE);
        assertThat(unknown.err).startsWith("kafka: unknown command 'restart'; usage: ").hasLineCount(1);
        assertThat(Cli.run("start", "--port").code).isEqualTo(KafkaBrokerCli.USAGE);
        assertThat(Cli.run("start", "--port", "x").err).startsWith("kafka: --port takes a port number, got 'x'");
        assertThat(Cli.run("start", "--port", "9092", "--controller-port", "9092").code).isEqualTo(KafkaBrokerCli.USAGE);
        assertThat(Cli.run("status", "--dir", dataDir.toString()).code).isEqualTo(KafkaBrokerCli.NOT_RUNNING);
    }

    /** One CLI invocation: its exit code and what it printed. */
    private record Cli(int code, String out, String err) {
        static Cli run(String verb, String... flags) {
            List<String> args = new ArrayList<>(List.of(verb));
            args.addAll(List.of(flags));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = KafkaBrokerCli.run(args.toArray(String[]::new),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    private BrokerSettings settings() throws IOException {
        return new BrokerSettings(dataDir, freePort(), freePort(), 512);
    }

    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        // A first write racing the partitions' creation can be refused as out of sequence until it times out (KAFKA-15591).
        TopicSetup.awaitServed(bootstrap, Map.of(TOPIC, 2));
    }

    private static void produceInOneTransaction(String bootstrap) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "test-tx",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WAIT.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            expectedValues().forEach(value -> producer.send(new ProducerRecord<>(TOPIC, "key-" + value, value)));
            producer.commitTransaction();
        }
    }

    /** The values of both partitions, from the start, until {@link #RECORDS} arrived or {@link #WAIT} passed. */
    private static List<String> readCommitted(String bootstrap) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = List.of(new TopicPartition(TOPIC, 0), new TopicPartition(TOPIC, 1));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (values.size() < RECORDS && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }

    private static List<String> expectedValues() {
        return IntStream.range(0, RECORDS).mapToObj(i -> "value-" + i).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
