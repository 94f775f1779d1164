package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.intentflow.tools.broker.BrokerSecurity;
import io.intentflow.tools.cluster.Deployer;
import io.intentflow.tools.cluster.FlinkRest;
import io.intentflow.tools.cluster.LocalCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job deployed through REST to the real local cluster, on a SASL_SSL broker with ACLs: the
 * job's main checks its Kafka access on the JobManager, so a wrong password is refused by
 * {@code deploy} with the cause, and nothing is left running; with the right one the job scores,
 * and so does the job deployed again after it into the same JVMs.
 * Its password is in no configuration page of the REST API and no line of the cluster's logs.
 */
class SecuredDeployIT {

    private static final String PRINCIPAL = "deployed";

    @RegisterExtension static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.secured(new BrokerSecurity.Principal(
            PRINCIPAL,
            Stream.of("clicks", "purchases", "session-updates", "dead-letters", "scores", "model-updates", "model-drift", "explanations")
                    .map(t -> PRINCIPAL + "-" + t).toList(),
            PRINCIPAL,
            PRINCIPAL));

    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final int USERS = 40;
    private static final int PARALLELISM = 2;

    @TempDir Path dir;

    @Test
    void deployRefusesAWrongPasswordWithItsCauseAndTheRightOneScoresAgainAfterARedeployWithThePasswordInNoPageOrLog() throws Exception {
        String password = KAFKA.password(PRINCIPAL);
        TestJob.createTopics(TestJob.config(KAFKA.bootstrapServers(), PRINCIPAL, Map.of()), PARALLELISM);
        Path wrongSecret = Files.createDirectories(dir.resolve("wrong-secret"));
        Files.writeString(wrongSecret.resolve("sasl.jaas.config"),
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + PRINCIPAL + "\" password=\"wrong-0123\";");
        LocalCluster cluster = TestCluster.start(dir, 1, PARALLELISM);
        try {
            FlinkRest rest = cluster.rest();
            Map<String, String> wrong = new HashMap<>(KAFKA.jobProperties(PRINCIPAL));
            wrong.put("kafka.properties.sasl.jaas.config", "${secret:" + wrongSecret + ":sasl.jaas.config}");
            assertThatThrownBy(() -> Deployer.deploy(rest, TestCluster.jobJar(), TestCluster.args(jobConfig(wrong)), Optional.of(PARALLELISM), Optional.empty()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("Kafka authentication failed for principal '" + PRINCIPAL + "' at " + KAFKA.securedBootstrapServers());
            assertThat(rest.jobs()).as("jobs on the cluster after the refused deploy").isEmpty();

            String first = Deployer.deploy(rest, TestCluster.jobJar(), TestCluster.args(jobConfig(KAFKA.jobProperties(PRINCIPAL))),
                    Optional.of(PARALLELISM), Optional.empty());
            try {
                assertThat(scoresOfOneRound(rest, first, 0)).as("scores of the round's clicks, over SASL_SSL").isEqualTo(USERS);
                String pages = TestJob.webUiConfiguration(rest.base(), first);
                assertThat(pages).as("the REST API's configuration pages").doesNotContain(password);
            } finally {
                rest.cancel(first);
            }
            rest.awaitState(first, Duration.ofSeconds(60), "CANCELED");
            // A redeploy into the same JVMs, where the first job's classloaders registered the SCRAM providers.
            String second = Deployer.deploy(rest, TestCluster.jobJar(), TestCluster.args(jobConfig(KAFKA.jobProperties(PRINCIPAL))),
                    Optional.of(PARALLELISM), Optional.empty());
            try {
                assertThat(scoresOfOneRound(rest, second, 1)).as("scores of the redeployed job's new clicks, over SASL_SSL").isEqualTo(USERS);
            } finally {
                rest.cancel(second);
            }
        } finally {
            cluster.stop();
        }
        List<Path> logs;
        try (Stream<Path> files = Files.walk(cluster.workDir())) {
            logs = files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".log") || f.toString().endsWith(".out")).toList();
        }
        assertThat(logs).as("the cluster's log files").isNotEmpty();
        String allLogs = String.join("\n", logs.stream().map(SecuredDeployIT::read).toList());
        System.out.printf("SecuredDeployIT: %d log files, %d characters%n", logs.size(), allLogs.length());
        assertThat(allLogs).as("the JobManager's line of the refused login").contains("Kafka authentication failed for principal '" + PRINCIPAL + "'");
        assertThat(allLogs).as("the cluster's logs").doesNotContain(password);
    }

    /** Sends one click per user once the job runs, and counts the scores of those clicks. */
    private static long scoresOfOneRound(FlinkRest rest, String jobId, int round) throws Exception {
        rest.awaitAllTasksRunning(jobId, Duration.ofSeconds(120));
        String prefix = "e" + round + "-";
        try (TestProducer clicks = new TestProducer(KAFKA.bootstrapServers(), PRINCIPAL + "-clicks");
                TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), PRINCIPAL + "-scores")) {
            for (int u = 0; u < USERS; u++) {
                clicks.send(u % 2, "u" + u, click(prefix + u, "u" + u, "view", T0 + round * 60_000L + u));
            }
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done = r -> ofRound(r, prefix) >= USERS;
            return ofRound(scores.readUntil(done, Duration.ofSeconds(90)), prefix);
        }
    }

    private static long ofRound(List<ConsumerRecord<byte[], byte[]>> scores, String prefix) {
        return TopicReader.json(scores).stream().filter(s -> s.get("eventId").asText().startsWith(prefix)).count();
    }

    private Configuration jobConfig(Map<String, String> kafkaProperties) throws IOException {
        Map<String, String> overrides = new HashMap<>(kafkaProperties);
        overrides.put("kafka.starting-offsets", "earliest");
        overrides.put("model.path", TestJob.randomModel(dir.resolve("model-v1.zip"), 1).toString());
        overrides.put("execution.checkpointing.interval", "1 s");
        return TestJob.config(KAFKA.securedBootstrapServers(), PRINCIPAL, overrides);
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
