package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.model.EventType;
import io.intentflow.model.SessionEvent;
import io.intentflow.model.features.FeatureSet;
import io.intentflow.model.features.UserContext;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job under {@code model.features: user} on a real broker, RocksDB and exactly-once:
 * a returning user's clicks are scored with the history of their earlier session, exactly as the
 * model scores those inputs offline.
 */
class UserFeaturesOnKafkaTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster();

    private static final String PREFIX = "userfeat";
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000L;
    private static final int USERS = 20;
    private static final NetworkConfig NETWORK = NetworkConfig.defaults().withFeatures(FeatureSet.USER);

    @TempDir Path dir;

    @Test
    void aReturningUsersClicksAreScoredWithTheirHistory() throws Exception {
        Path modelFile = TestJob.randomModel(dir.resolve("user-v1.zip"), NETWORK, 5);
        IntentNetwork model = ModelFiles.load(modelFile).network();
        JobClient job =
                TestJob.start(
                        TestJob.config(KAFKA.bootstrapServers(), PREFIX, Map.of(
                                "kafka.starting-offsets", "earliest",
                                "model.path", modelFile.toString(),
                                "model.features", "user")),
                        dir.resolve("checkpoints"));
        try (TestProducer clicks = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-clicks");
                TopicReader scoreReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores")) {
            // In event-time order on each partition: every user's first session, then every user's second.
            for (int u = 0; u < USERS; u++) {
                String user = "user-" + u;
                clicks.send(u % 2, user, click("a1-" + user, user, "view", T0));
                clicks.send(u % 2, user, click("a2-" + user, user, "purchase", T0 + MINUTE));
            }
            for (int u = 0; u < USERS; u++) {
                String user = "user-" + u;
                clicks.send(u % 2, user, click("b1-" + user, user, "view", T0 + 120 * MINUTE));
                clicks.send(u % 2, user, click("b2-" + user, user, "add_to_cart", T0 + 121 * MINUTE));
            }
            List<JsonNode> scores = TopicReader.json(scoreReader.readUntil(r -> r.size() >= 4 * USERS, Duration.ofSeconds(90)));
            Map<String, Double> byEvent = scores.stream().collect(Collectors.toMap(s -> s.get("eventId").asText(), s -> s.get("score").asDouble()));

            assertThat(byEvent).as("one score per click").hasSize(4 * USERS);
            UserContext returning = new UserContext(1, T0 + MINUTE, 9.5, 1, T0 + MINUTE);
            for (int u = 0; u < USERS; u++) {
                String user = "user-" + u;
                List<SessionEvent> second = List.of(
                        event("b1-" + user, EventType.VIEW, T0 + 120 * MINUTE),
                        event("b2-" + user, EventType.ADD_TO_CART, T0 + 121 * MINUTE));
                assertThat(byEvent.get("b1-" + user))
                        .isCloseTo(model.scoreSequence(NETWORK.featureSet().featurize(second.subList(0, 1), 0, returning)), within(1e-5));
                assertThat(byEvent.get("b2-" + user))
                        .isCloseTo(model.scoreSequence(NETWORK.featureSet().featurize(second, 0, returning)), within(1e-5));
                List<SessionEvent> first = List.of(event("a1-" + user, EventType.VIEW, T0));
                assertThat(byEvent.get("a1-" + user))
                        .isCloseTo(model.scoreSequence(NETWORK.featureSet().featurize(first, 0, UserContext.NEW)), within(1e-5));
            }
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        } finally {
            TestJob.stop(job);
        }
    }

    /** As the job's ring holds a click of {@link TestProducer#click}. */
    private static SessionEvent event(String id, EventType type, long ts) {
        return new SessionEvent(id, type, ts, "i-" + id, "c1", 9.5);
    }
}
