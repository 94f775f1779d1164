package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.job.config.JobSettings;
import io.intentflow.savepoints.SavepointInspector;
import io.intentflow.savepoints.SavepointSummary;
import io.intentflow.tools.cluster.Deployer;
import io.intentflow.tools.cluster.FlinkRest;
import io.intentflow.tools.cluster.LocalCluster;
import io.intentflow.tools.demo.JobMetrics;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord;
import io.intentflow.tools.kafka.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on the real local cluster with two TaskManagers of two slots (standing in
 * for two machines) and a real broker, rescaled through savepoints as an operator would: scoring
 * and learning at parallelism 2, stopped with a savepoint, restored at 4 across both
 * TaskManagers, later at 1; then, while a backlog is being read at 1, stopped and restored at 2.
 * Across every change, each valid click has exactly one committed score, every scorer subtask
 * runs the live model version the savepoint holds, a user's scores never go back to an older
 * version, and open sessions, session windows and pending labels are all kept in total
 * ({@code savepoint-inspect} of the savepoint restored from, and of one taken right after the
 * restore, before any new input).
 */
class RescaleIT {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final String PREFIX = "rescale";
    private static final int TASK_MANAGERS = 2;
    private static final int SLOTS = 2;
    private static final int PARTITIONS = 4;
    private static final int USERS = 2000;
    // Large enough that the job, stopped once a tenth is scored, is still in the middle of it.
    private static final int BACKLOG = 80_000;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofSeconds(120);

    @TempDir Path dir;

    private FlinkRest rest;
    private List<String> args;
    private final ScoreAccounting accounting = new ScoreAccounting(PREFIX + "-clicks");
    private ClickstreamSimulation simulation;

    /** A restore at another parallelism: the savepoint restored from, and the one taken right after, before new input. */
    record Rescale(String savedAt, String restoredAt, int from, int to, TreeMap<Integer, Double> scorerVersions) {}

    @Test
    void theJobRescalesThroughSavepointsKeepingItsStateAndScoringEveryClickOnce() throws Exception {
        long started = System.nanoTime();
        LocalCluster cluster = TestCluster.start(dir, TASK_MANAGERS, SLOTS);
        try {
            rest = cluster.rest();
            simulation = new ClickstreamSimulation(
                    SimulatedStream.settings(KAFKA.bootstrapServers(), PREFIX, 31, USERS, 0.005), BehaviourModel.standard());
            Configuration conf = jobConfig();
            TopicSetup.ensureTopics(JobSettings.from(conf), PARTITIONS);
            args = TestCluster.args(conf);
            List<Rescale> rescales = new ArrayList<>();
            try (TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores");
                    TopicReader deadLetters = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-dead-letters")) {
                BooleanSupplier allScored = () -> accounting.account(read(scores), read(deadLetters)).missing() == 0;

                String job = deploy(2, Optional.empty());
                send(3000);
                waitFor(allScored, "every click scored at parallelism 2");
                JobMetrics first = metrics(job);
                waitFor(() -> LearningSettled.settled(first, 2), "a trained version live on both scorer subtasks");
                String saved = stopWithSavepoint(job);
                log(started, "stopped at parallelism 2 with " + saved);

                job = deploy(4, Optional.of(saved));
                assertThat(rest.subtasksPerTaskManager(job, scorerVertex(job))).as("scorer subtasks per TaskManager at parallelism 4")
                        .hasSize(TASK_MANAGERS);
                rescales.add(restored(job, saved, 2, 4));
                send(2000);
                waitFor(allScored, "every click scored at parallelism 4");
                saved = stopWithSavepoint(job);
                log(started, "stopped at parallelism 4 with " + saved);

                job = deploy(1, Optional.of(saved));
                rescales.add(restored(job, saved, 4, 1));
                int backlogClicks = send(BACKLOG);
                waitFor(() -> accounting.account(read(scores), read(deadLetters)).missing() < backlogClicks * 9 / 10,
                        "a tenth of the backlog scored at parallelism 1");
                saved = stopWithSavepoint(job);
                ScoreAccounting.Result atStop = accounting.account(read(scores), read(deadLetters));
                log(started, "stopped at parallelism 1 in the backlog with " + saved + ": " + atStop);

                job = deploy(2, Optional.of(saved));
                waitFor(allScored, "the rest of the backlog scored at parallelism 2");
                // A little longer: a repeated score would show up now.
                List<JsonNode> scored = TopicReader.json(scores.readFor(Duration.ofSeconds(3)));
                ScoreAccounting.Result result = accounting.account(scored, read(deadLetters));
                log(started, "caught up at parallelism 2: " + result);
                rest.cancel(job);

                for (Rescale rescale : rescales) {
                    assertKeptAcross(rescale);
                }
                assertThat(atStop.missing()).as("clicks of the backlog not yet scored when it was stopped at parallelism 1").isPositive();
                assertThat(versionDecreases(scored)).as("scores of a user with an older model version than the one before").isEmpty();
                assertThat(result.duplicates()).as("duplicate scores").isZero();
                assertThat(result.missing()).as("missing scores").isZero();
                assertThat(result.exact()).as(result.toString()).isTrue();
            }
        } finally {
            cluster.stop();
            log(started, "done");
        }
    }

    /**
     * The restored job's scorer versions, and a savepoint of it before any new input: what it
     * holds is what it restored.
     */
    private Rescale restored(String job, String savedAt, int from, int to) throws Exception {
        JobMetrics metrics = metrics(job);
        waitFor(() -> LearningSettled.scorerVersions(metrics).size() == to, "the model version of " + to + " scorer subtasks");
        TreeMap<Integer, Double> versions = LearningSettled.scorerVersions(metrics);
        String restoredAt = rest.awaitSavepoint(job, rest.triggerSavepoint(job, Optional.empty()), SAVEPOINT_TIMEOUT);
        return new Rescale(savedAt, restoredAt, from, to, versions);
    }

    private static void assertKeptAcross(Rescale rescale) throws Exception {
        SavepointSummary before = SavepointInspector.inspect(rescale.savedAt());
        SavepointSummary after = SavepointInspector.inspect(rescale.restoredAt());
        System.out.printf("RescaleIT: %d -> %d: before %s%n  after %s%n  scorer versions %s%n",
                rescale.from(), rescale.to(), before, after, rescale.scorerVersions());
        String change = rescale.from() + " -> " + rescale.to() + ": ";
        assertThat(parallelism(before, "intent-scorer")).as(change + "scorer parallelism saved").isEqualTo(rescale.from());
        assertThat(parallelism(after, "intent-scorer")).as(change + "scorer parallelism restored").isEqualTo(rescale.to());
        assertThat(parallelism(after, "trainer")).as(change + "trainer parallelism").isEqualTo(1);
        assertThat(before.model().version()).as(change + "a trained version was live").isGreaterThan(1);
        assertThat(rescale.scorerVersions().values()).as(change + "live version on every scorer subtask")
                .hasSize(rescale.to())
                .containsOnly((double) before.model().version());
        assertThat(after.model()).as(change + "live model").isEqualTo(before.model());
        assertThat(after.openSessions()).as(change + "open sessions").isEqualTo(before.openSessions()).isPositive();
        assertThat(after.sessionWindows()).as(change + "session windows").isEqualTo(before.sessionWindows());
        assertThat(after.pendingLabels()).as(change + "pending labels").isEqualTo(before.pendingLabels()).isPositive();
        assertThat(after.usersWithPendingLabels()).as(change + "users with pending labels").isEqualTo(before.usersWithPendingLabels());
    }

    private static int parallelism(SavepointSummary summary, String uid) {
        return summary.operators().stream().filter(o -> o.uid().equals(uid)).findFirst().orElseThrow().parallelism();
    }

    /** Users whose scores, in the order they were committed, go from a newer model version to an older one. */
    private static List<String> versionDecreases(List<JsonNode> scores) {
        Map<String, Long> latest = new HashMap<>();
        List<String> decreases = new ArrayList<>();
        for (JsonNode score : scores) {
            String user = score.get("userId").asText();
            long version = score.get("modelVersion").asLong();
            Long before = latest.put(user, version);
            if (before != null && version < before) {
                decreases.add(user + " v" + before + " -> v" + version);
            }
        }
        return decreases;
    }

    private String deploy(int parallelism, Optional<String> savepoint) throws Exception {
        String job = Deployer.deploy(rest, TestCluster.jobJar(), args, Optional.of(parallelism), savepoint);
        rest.awaitAllTasksRunning(job, WAIT);
        return job;
    }

    private String stopWithSavepoint(String job) throws Exception {
        String savepoint = rest.awaitSavepoint(job, rest.stopWithSavepoint(job, Optional.empty()), SAVEPOINT_TIMEOUT);
        rest.awaitState(job, WAIT, "FINISHED");
        return savepoint;
    }

    private String scorerVertex(String job) throws Exception {
        return rest.vertices(job).stream().filter(v -> v.name().startsWith(LearningSettled.SCORER)).findFirst().orElseThrow().id();
    }

    private JobMetrics metrics(String job) {
        return new JobMetrics(rest.base().getPort(), job);
    }

    private Configuration jobConfig() throws Exception {
        return TestJob.config(KAFKA.bootstrapServers(), PREFIX, Map.of(
                "kafka.starting-offsets", "earliest",
                "model.path", TestJob.randomModel(dir.resolve("initial.zip"), 5).toString(),
                // Rounds on every 200th example only (not on a timer), each candidate published:
                // versions exist before the first stop, and none is trained while the job is idle.
                "train.every", "200",
                "train.interval", "1 h",
                "train.gate.auc-margin", "1",
                "train.gate.loss-margin", "1000",
                // Output is committed on checkpoints: checkpoint often, so that the test is short.
                "execution.checkpointing.interval", "1 s"));
    }

    /** Sends the simulation's next records as fast as the broker takes them; returns how many were valid clicks. */
    private int send(int records) {
        List<GeneratedRecord> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(simulation.next());
        }
        accounting.sentAll(batch);
        SimulatedStream.send(KAFKA.bootstrapServers(), batch);
        return (int) batch.stream()
                .filter(r -> r.topic().equals(PREFIX + "-clicks") && r.kind() != GeneratedRecord.Kind.MALFORMED)
                .count();
    }

    private static List<JsonNode> read(TopicReader reader) {
        return TopicReader.json(reader.readFor(Duration.ofMillis(300)));
    }

    private static void log(long started, String what) {
        System.out.printf("RescaleIT: [%d s] %s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds(), what);
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited " + WAIT.toSeconds() + " s for " + what).isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
