package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.job.IntentflowJob;
import io.intentflow.job.kafka.KafkaAccessException;
import io.intentflow.tools.broker.BrokerSecurity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a broker that wants SASL (SCRAM-SHA-512) over TLS and enforces ACLs: its principal
 * authenticates with a password read from a file by Kafka's config provider and scores every
 * click; that password is in no configuration page of the Web UI and no log line. A wrong
 * password, or a principal without the ACLs of one of the job's topics, stops the job before it
 * is submitted, with a message that names the cause. The test's own producer and readers use the
 * broker's PLAINTEXT listener, whose anonymous clients are super users.
 */
@Timeout(150)
class SecuredKafkaTest {

    private static final String SCORER = "scorer";
    private static final String NARROW = "narrow";
    private static final String ELSEWHERE = "elsewhere";

    @RegisterExtension static final KafkaBrokerExtension KAFKA = KafkaBrokerExtension.secured(
            new BrokerSecurity.Principal(SCORER, topics(SCORER), SCORER, SCORER),
            // Everything the job needs but its scores topic.
            new BrokerSecurity.Principal(NARROW, topics(NARROW).stream().filter(t -> !t.endsWith("-scores")).toList(), NARROW, NARROW),
            // Its topics, but the groups and transactional ids of another job.
            new BrokerSecurity.Principal(ELSEWHERE, topics(ELSEWHERE), "another-job", "another-job"));
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster();

    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final int USERS = 100;
    private static final int EVENTS_PER_USER = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path dir;

    @Test
    void theJobAuthenticatesScoresEveryClickAndShowsItsPasswordNowhere() throws Exception {
        String password = KAFKA.password(SCORER);
        Configuration conf = securedConfig(SCORER, KAFKA.jobProperties(SCORER));
        try (LogCapture logs = LogCapture.attach(List.of("org.apache.kafka.clients", "org.apache.kafka.common"))) {
            JobClient job = TestJob.submit(conf, dir.resolve("checkpoints"), IntentflowJob::onVerifiedKafka);
            try (TestProducer clickTopic = new TestProducer(KAFKA.bootstrapServers(), SCORER + "-clicks");
                    TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), SCORER + "-scores")) {
                for (int event = 0; event < EVENTS_PER_USER; event++) {
                    for (int u = 0; u < USERS; u++) {
                        clickTopic.send(u % 2, "u" + u, click("e" + event + "-" + u, "u" + u, "view", T0 + event * 20_000L + u));
                    }
                }
                int clicks = USERS * EVENTS_PER_USER;
                scores.readUntil(r -> r.size() >= clicks, WAIT);
                // A little longer: a duplicate would show as more scores than clicks.
                List<ConsumerRecord<byte[], byte[]>> scored = scores.readFor(Duration.ofSeconds(2));
                String webUi = TestJob.webUiConfiguration(FLINK, job);
                System.out.printf("SecuredKafkaTest: %d scores for %d clicks, %d log lines captured%n", scored.size(), clicks, logs.lines().size());

                assertThat(scored).as("one score per click, over SASL_SSL").hasSize(clicks);
                assertThat(webUi).as("the configuration pages of the Web UI (REST)").contains("user-config").doesNotContain(password);
            } finally {
                TestJob.stop(job);
            }
            List<String> lines = logs.lines();
            assertThat(lines).as("the Kafka clients' configuration, as they log it").anyMatch(line -> line.contains("sasl.jaas.config = [hidden]"));
            assertThat(lines).as("log lines with the password").filteredOn(line -> line.contains(password)).isEmpty();
        }
    }

    @Test
    void aWrongPasswordStopsTheJobBeforeSubmissionNamingThePrincipal() throws Exception {
        String wrong = "not-the-password-0123";
        Path secrets = Files.createDirectories(dir.resolve("wrong-secret"));
        Files.writeString(secrets.resolve("sasl.jaas.config"),
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + SCORER + "\" password=\"" + wrong + "\";");
        Map<String, String> properties = new HashMap<>(KAFKA.jobProperties(SCORER));
        properties.put("kafka.properties.sasl.jaas.config", "${secret:" + secrets + ":sasl.jaas.config}");
        Configuration conf = securedConfig(SCORER, properties);
        int jobsBefore = submittedJobs();

        assertThatThrownBy(() -> TestJob.submit(conf, dir.resolve("checkpoints"), IntentflowJob::onVerifiedKafka))
                .isInstanceOf(KafkaAccessException.class)
                .hasMessageStartingWith("Kafka authentication failed for principal '" + SCORER + "' at " + KAFKA.securedBootstrapServers())
                .hasMessageContaining("invalid credentials")
                .hasMessageNotContaining(wrong);
        assertThat(submittedJobs()).as("jobs submitted").isEqualTo(jobsBefore);
    }

    @Test
    void aPrincipalWithoutTheAclsOfOneTopicIsStoppedBeforeSubmissionNamingIt() throws Exception {
        Configuration conf = securedConfig(NARROW, KAFKA.jobProperties(NARROW));
        int jobsBefore = submittedJobs();

        assertThatThrownBy(() -> TestJob.submit(conf, dir.resolve("checkpoints"), IntentflowJob::onVerifiedKafka))
                .isInstanceOf(KafkaAccessException.class)
                .hasMessage("the job's principal '" + NARROW + "' lacks ACLs on " + KAFKA.securedBootstrapServers()
                        + ": [WRITE] on topic '" + NARROW + "-scores' (it may not even describe it)");
        assertThat(submittedJobs()).as("jobs submitted").isEqualTo(jobsBefore);
    }

    @Test
    void aPrincipalWithoutTheAclsOfTheJobsGroupsAndTransactionalIdsIsStoppedBeforeSubmissionNamingThem() throws Exception {
        Configuration conf = securedConfig(ELSEWHERE, KAFKA.jobProperties(ELSEWHERE));

        assertThatThrownBy(() -> TestJob.submit(conf, dir.resolve("checkpoints"), IntentflowJob::onVerifiedKafka))
                .isInstanceOf(KafkaAccessException.class)
                .hasMessage("the job's principal '" + ELSEWHERE + "' lacks ACLs on " + KAFKA.securedBootstrapServers()
                        + ": [READ] on consumer group '" + ELSEWHERE + "'; [READ] on consumer group '" + ELSEWHERE + "-models'"
                        + "; [WRITE] on transactional ids starting with '" + ELSEWHERE + "'");
    }

    /** The job on topics named after {@code principal}, created beforehand by an administrator (PLAINTEXT). */
    private Configuration securedConfig(String principal, Map<String, String> kafkaProperties) throws Exception {
        TestJob.createTopics(TestJob.config(KAFKA.bootstrapServers(), principal, Map.of()), TestJob.PARALLELISM);
        Map<String, String> overrides = new HashMap<>(kafkaProperties);
        overrides.put("kafka.starting-offsets", "earliest");
        overrides.put("model.path", TestJob.randomModel(dir.resolve("model-v1.zip"), 1).toString());
        return TestJob.config(KAFKA.securedBootstrapServers(), principal, overrides);
    }

    /** How many jobs the cluster has been given, running or not (Flink's REST API). */
    private static int submittedJobs() throws Exception {
        String base = "http://127.0.0.1:" + FLINK.getClientConfiguration().get(RestOptions.PORT);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/jobs")).timeout(Duration.ofSeconds(10)).build();
        String body = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
        return new ObjectMapper().readTree(body).get("jobs").size();
    }

    /** The topics {@link TestJob#config} names for {@code prefix}. */
    private static List<String> topics(String prefix) {
        return List.of("clicks", "purchases", "session-updates", "dead-letters", "scores", "model-updates", "model-drift", "explanations")
                .stream().map(t -> prefix + "-" + t).toList();
    }
}
