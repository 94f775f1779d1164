package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.tools.demo.JobMetrics;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 1: stop-with-savepoint in the middle of a stream, then a new job from that savepoint. The
 * live model version is the one from before the stop (not the model file's), open sessions go on
 * counting their events, and the scores topic, read as a downstream consumer reads it, holds
 * exactly one score per valid click across the restart. The first job keeps its timers in
 * RocksDB, as the job did before timers moved to the heap by default: a savepoint from then
 * restores into today's default.
 */
class RestoreFromSavepointTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster(clusterConfig());

    private static final String PREFIX = "restore";
    private static final int BEFORE_STOP = 3000;
    private static final int AFTER_RESTORE = 1500;
    private static final String SCORER = LearningSettled.SCORER;
    private static final String SCORER_METRICS = LearningSettled.SCORER_METRICS;
    private static final String TRAINER = LearningSettled.TRAINER;
    private static final ConfigOption<EmbeddedRocksDBStateBackend.PriorityQueueStateType> TIMERS = RocksDBOptions.TIMER_SERVICE_FACTORY;

    @TempDir Path dir;

    /** The REST API's view of the metrics at most a second old (default 10 s): the test compares them. */
    private static Configuration clusterConfig() {
        Configuration conf = new Configuration();
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        return conf;
    }

    @Test
    void aRestoredJobKeepsItsModelAndSessionsAndScoresEveryClickOnce() throws Exception {
        Path modelFile = TestJob.randomModel(dir.resolve("initial.zip"), 5);
        Configuration conf =
                TestJob.config(
                        KAFKA.bootstrapServers(),
                        PREFIX,
                        Map.of(
                                "kafka.starting-offsets", "earliest",
                                "model.path", modelFile.toString(),
                                "train.every", "200",
                                // Every candidate is published: versions must exist before the stop.
                                "train.gate.auc-margin", "1",
                                "train.gate.loss-margin", "1000",
                                TIMERS.key(), "ROCKSDB"));
        ClickstreamSimulation simulation =
                new ClickstreamSimulation(SimulatedStream.settings(KAFKA.bootstrapServers(), PREFIX, 21, 2000, 0.005), BehaviourModel.standard());
        ScoreAccounting accounting = new ScoreAccounting(PREFIX + "-clicks");

        long started = System.nanoTime();
        // Started before the readers, which would otherwise auto-create the topics with one partition.
        JobClient first = TestJob.start(conf, dir.resolve("checkpoints"));
        try (TopicReader scoreReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores");
                TopicReader deadLetterReader = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-dead-letters")) {
            JobMetrics firstMetrics = metrics(first);
            Set<String> beforeStop = send(simulation, BEFORE_STOP, accounting);
            waitFor(() -> accounting.account(read(scoreReader), read(deadLetterReader)).missing() == 0, "every click before the stop scored");
            waitFor(() -> LearningSettled.settled(firstMetrics, TestJob.PARALLELISM), "a published version live on every scorer subtask, and no more examples");
            long versionBefore = (long) firstMetrics.get(TRAINER, "modelVersion").orElseThrow();
            TreeMap<Integer, Double> sessionsBefore = firstMetrics.bySubtask(SCORER, SCORER_METRICS + "openSessions");
            List<JsonNode> scoresBefore = read(scoreReader);

            String savepoint = first.stopWithSavepoint(false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(120, TimeUnit.SECONDS);
            assertThat(first.getJobStatus().get(30, TimeUnit.SECONDS)).isEqualTo(JobStatus.FINISHED);
            System.out.printf("RestoreFromSavepointTest: [%d s] stopped with savepoint %s at model version %d, open sessions %s, %s%n",
                    seconds(started), savepoint, versionBefore, sessionsBefore, accounting.account(scoresBefore, read(deadLetterReader)));

            Configuration restore = new Configuration(conf);
            restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
            restore.removeConfig(TIMERS);
            JobClient second = TestJob.start(restore, dir.resolve("checkpoints"));
            try {
                JobMetrics secondMetrics = metrics(second);
                waitFor(() -> secondMetrics.bySubtask(SCORER, SCORER_METRICS + "openSessions").size() == TestJob.PARALLELISM
                        && secondMetrics.bySubtask(SCORER, SCORER_METRICS + "modelVersion").size() == TestJob.PARALLELISM
                        && secondMetrics.get(TRAINER, "modelVersion").isPresent(), "the restored job's metrics");
                // The trainer's restored version counter: what the savepoint holds, a round after the last read included.
                long versionSaved = (long) secondMetrics.get(TRAINER, "modelVersion").orElseThrow();
                TreeMap<Integer, Double> versionsRestored = secondMetrics.bySubtask(SCORER, SCORER_METRICS + "modelVersion");
                TreeMap<Integer, Double> sessionsRestored = secondMetrics.bySubtask(SCORER, SCORER_METRICS + "openSessions");
                System.out.printf("RestoreFromSavepointTest: [%d s] restored: trainer at version %d, scorers at %s, open sessions %s%n",
                        seconds(started), versionSaved, versionsRestored, sessionsRestored);

                send(simulation, AFTER_RESTORE, accounting);
                waitFor(() -> accounting.account(read(scoreReader), read(deadLetterReader)).missing() == 0, "every click after the restore scored");
                // A little longer: a repeated score would show up now.
                List<JsonNode> scores = TopicReader.json(scoreReader.readFor(Duration.ofSeconds(3)));
                ScoreAccounting.Result result = accounting.account(scores, read(deadLetterReader));
                List<JsonNode> scoresAfter = scores.stream().filter(s -> !beforeStop.contains(s.get("eventId").asText())).toList();
                SessionContinuity sessions = SessionContinuity.of(scoresBefore, scoresAfter);
                System.out.printf("RestoreFromSavepointTest: [%d s] %s; %s%n", seconds(started), sessions, result);

                assertThat(versionBefore).as("a trained version was live before the stop").isGreaterThan(1);
                assertThat(versionSaved).as("the version the savepoint holds").isGreaterThanOrEqualTo(versionBefore);
                assertThat(versionsRestored.values()).as("live version on each scorer subtask after the restore").containsOnly((double) versionSaved);
                assertThat(scoresAfter).as("no score after the restore from an older version")
                        .allSatisfy(s -> assertThat(s.get("modelVersion").asLong()).isGreaterThanOrEqualTo(versionSaved));
                assertThat(sessionsRestored).as("open sessions per scorer subtask").isEqualTo(sessionsBefore);
                assertThat(sessions.spanning()).as("sessions open across the restart").isGreaterThanOrEqualTo(5);
                assertThat(sessions.reset()).as("sessions whose event count went back after the restore").isEmpty();
                assertThat(result.duplicates()).as("duplicate scores").isZero();
                assertThat(result.missing()).as("missing scores").isZero();
                assertThat(result.exact()).as(result.toString()).isTrue();
                assertThat(second.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
            } finally {
                TestJob.stop(second);
            }
        }
    }

    /**
     * Sessions scored both before the stop and after the restore; a reset one has a score after
     * the restore that counts fewer events than one before it.
     */
    record SessionContinuity(int spanning, List<String> reset, String example) {

        static SessionContinuity of(List<JsonNode> before, List<JsonNode> after) {
            Map<String, Integer> eventsBefore = new HashMap<>();
            before.forEach(s -> eventsBefore.merge(s.get("sessionId").asText(), s.get("events").asInt(), Math::max));
            Set<String> spanning = new HashSet<>();
            List<String> reset = new ArrayList<>();
            String example = "none";
            for (JsonNode s : after) {
                String session = s.get("sessionId").asText();
                Integer last = eventsBefore.get(session);
                if (last != null) {
                    if (spanning.add(session) && example.equals("none")) {
                        example = session + ": " + last + " events before the stop, " + s.get("events").asInt() + " at its next score";
                    }
                    if (s.get("events").asInt() < last) {
                        reset.add(session + " " + last + " -> " + s.get("events").asInt());
                    }
                }
            }
            return new SessionContinuity(spanning.size(), reset, example);
        }

        @Override
        public String toString() {
            return "sessions spanning the restart " + spanning + " (e.g. " + example + "), reset " + reset.size();
        }
    }

    private static JobMetrics metrics(JobClient job) {
        return new JobMetrics(FLINK.getClientConfiguration().get(RestOptions.PORT), job.getJobID().toHexString());
    }

    /** Sends the simulation's next records and returns the event ids of the clicks among them. */
    private static Set<String> send(ClickstreamSimulation simulation, int count, ScoreAccounting accounting) {
        List<GeneratedRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(simulation.next());
        }
        accounting.sentAll(records);
        SimulatedStream.send(KAFKA.bootstrapServers(), records);
        Set<String> eventIds = new HashSet<>();
        records.stream()
                .filter(r -> r.topic().equals(PREFIX + "-clicks") && r.kind() != GeneratedRecord.Kind.MALFORMED)
                .forEach(r -> eventIds.add(ScoreAccounting.eventId(r.value())));
        return eventIds;
    }

    private static long seconds(long since) {
        return Duration.ofNanos(System.nanoTime() - since).toSeconds();
    }

    private static List<JsonNode> read(TopicReader reader) {
        return TopicReader.json(reader.readFor(Duration.ofMillis(300)));
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 120 s for " + what).isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
