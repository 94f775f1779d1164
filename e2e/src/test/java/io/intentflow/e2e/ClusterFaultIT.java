package io.intentflow.e2e;

import static io.intentflow.e2e.TestProducer.click;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.job.config.JobSettings;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.tools.cluster.Deployer;
import io.intentflow.tools.cluster.FlinkRest;
import io.intentflow.tools.cluster.LocalCluster;
import io.intentflow.tools.kafka.TopicSetup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real local session cluster (JobManager and TaskManager JVMs, from
 * {@code conf/config.yaml}) and a real broker: deployed through REST, its operators visible
 * there; then its TaskManager is killed with SIGKILL mid-stream and a new one started. The job
 * must recover from its last checkpoint and, read back with read_committed, every valid click
 * must have exactly one score: none missing, none twice.
 */
class ClusterFaultIT {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String PREFIX = "fault";
    private static final long T0 = Instant.parse("2024-05-01T10:00:00Z").toEpochMilli();
    private static final int USERS = 40;
    private static final int ROUNDS = 60;
    private static final int KILL_AFTER_ROUND = 20;
    private static final long ROUND_PAUSE_MILLIS = 250;
    private static final int PARALLELISM = 2;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(150);

    @TempDir Path dir;

    private final List<String> validIds = new ArrayList<>();
    private int malformed;

    @Test
    void theJobSurvivesATaskManagerKilledMidStreamWithExactlyOneScorePerClick() throws Exception {
        LocalCluster cluster = TestCluster.start(dir, 1, PARALLELISM);
        try {
            FlinkRest rest = cluster.rest();
            Configuration jobConfig = jobConfig();
            TopicSetup.ensureTopics(JobSettings.from(jobConfig), PARALLELISM);
            String jobId = Deployer.deploy(rest, TestCluster.jobJar(), TestCluster.args(jobConfig), Optional.of(PARALLELISM), Optional.empty());
            rest.awaitAllTasksRunning(jobId, Duration.ofSeconds(120));
            assertThat(vertexNames(rest, jobId)).as("operators in the REST API, as the Web UI shows them")
                    .anyMatch(name -> name.contains("Score intent (DL4J)"))
                    .anyMatch(name -> name.contains("Validate clicks"))
                    .anyMatch(name -> name.contains("Train and publish model versions"));

            try (TestProducer clicks = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-clicks");
                    TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores");
                    TopicReader deadLetters = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-dead-letters")) {
                for (int round = 0; round < KILL_AFTER_ROUND; round++) {
                    sendRound(clicks, round);
                }
                // Committed scores mean a completed checkpoint: the one to recover from.
                int before = validIds.size();
                assertThat(scores.readUntil(r -> r.size() >= before, Duration.ofSeconds(90))).hasSize(before);

                CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> sendRounds(clicks));
                LocalCluster.Member victim = cluster.taskManagers().get(0);
                victim.process().destroyForcibly();  // SIGKILL: kill -9
                assertThat(victim.process().onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
                cluster.startTaskManager();
                stream.get(60, TimeUnit.SECONDS);

                int valid = validIds.size();
                List<JsonNode> scored = TopicReader.json(scores.readUntil(r -> r.size() >= valid, RECOVERY_TIMEOUT));
                // A little longer: a duplicate would show up as more scores than clicks.
                scored = TopicReader.json(scores.readFor(Duration.ofSeconds(3)));
                int deadLettered = deadLetters.readUntil(r -> r.size() >= malformed, Duration.ofSeconds(30)).size();

                Map<String, Integer> perClick = new HashMap<>();
                scored.forEach(s -> perClick.merge(s.get("eventId").asText(), 1, Integer::sum));
                int duplicates = perClick.values().stream().mapToInt(n -> n - 1).sum();
                Set<String> missing = new HashSet<>(validIds);
                missing.removeAll(perClick.keySet());
                JsonNode restored = rest.checkpoints(jobId).path("latest").path("restored");
                System.out.printf("ClusterFaultIT: sent=%d (valid %d, malformed %d) scored=%d dead_lettered=%d duplicates=%d missing=%d,"
                                + " restored from checkpoint %s%n",
                        valid + malformed, valid, malformed, scored.size(), deadLettered, duplicates, missing.size(), restored.path("id"));

                assertThat(rest.jobState(jobId)).as("the job recovered").isEqualTo("RUNNING");
                assertThat(restored.path("is_savepoint").asBoolean(true)).as("recovered from a checkpoint: " + restored).isFalse();
                assertThat(cluster.taskManagers()).as("the killed TaskManager is gone, its successor runs").hasSize(1);
                assertThat(missing).as("clicks without a committed score").isEmpty();
                assertThat(duplicates).as("clicks scored twice").isZero();
                assertThat(perClick.keySet()).as("scores only for clicks that were sent").isEqualTo(new HashSet<>(validIds));
                assertThat(deadLettered).as("malformed records dead-lettered once each").isEqualTo(malformed);
            } finally {
                rest.cancel(jobId);
            }
        } finally {
            cluster.stop();
        }
    }

    private Configuration jobConfig() throws IOException {
        NetworkConfig network = NetworkConfig.defaults();
        IntentNetwork v1 = IntentNetwork.create(network, 1);
        Path model = dir.resolve("model-v1.zip");
        ModelFiles.save(model, v1, new ModelUpdate(1, 0, network.hash(), 0L, v1.params(), ""));
        return TestJob.config(KAFKA.bootstrapServers(), PREFIX, Map.of(
                "kafka.starting-offsets", "earliest",
                "model.path", model.toString(),
                // Output is committed on checkpoints: checkpoint often, so that the test is short.
                "execution.checkpointing.interval", "1 s"));
    }

    private void sendRounds(TestProducer clicks) {
        try {
            for (int round = KILL_AFTER_ROUND; round < ROUNDS; round++) {
                sendRound(clicks, round);
                Thread.sleep(ROUND_PAUSE_MILLIS);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One click per user, a minute of event time after the last; every tenth round also a broken record. */
    private void sendRound(TestProducer clicks, int round) throws Exception {
        for (int u = 0; u < USERS; u++) {
            String user = "user-" + u;
            String eventId = "r" + round + "-" + user;
            clicks.send(u % PARALLELISM, user, click(eventId, user, round % 3 == 2 ? "add_to_cart" : "view", T0 + round * 60_000L));
            validIds.add(eventId);
        }
        if (round % 10 == 0) {
            clicks.send(round % PARALLELISM, "user-0", "{\"eventId\":\"broken-" + round + "\",");
            malformed++;
        }
    }

    private static List<String> vertexNames(FlinkRest rest, String jobId) throws IOException {
        List<String> names = new ArrayList<>();
        rest.job(jobId).path("vertices").forEach(v -> names.add(v.path("name").asText()));
        return names;
    }
}
