package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning loop end to end on a real broker: starting from a model with random weights, the
 * job learns the generator's hidden intent from the purchases that follow sessions, publishes
 * versions through its gate, and every scoring subtask takes them up.
 *
 * <p>What it learned is judged on a stream neither model has seen (another seed): the AUC of
 * every click's score against whether its user bought within 30 minutes after it, for the random
 * start and for every published version. The median of the newer half of the versions must beat
 * the start by {@link #AUC_GAIN}: the newest version alone would make a flaky test (a version the
 * gate let through on its window of held-back sessions can still dip on whole streams), the
 * median does not; the older half is the climb from random weights, whose length varies from run
 * to run; and a loop that learned nothing stays at the start. The trainer's rolling AUC
 * (prequential, over the last 1,500 sampled prefixes) is printed, not asserted: it judges each
 * model on different examples and lagged the unseen-click AUC by up to 0.1.
 *
 * <p>The stream goes out at the pace the trainer learns ({@link TrainerPacedSender}), as live
 * traffic would: a backlog sent at once would be sampled, which is the trainer's job under
 * overload, not what this test measures.
 */
class OnlineLearningTest {

    private static final InMemoryReporter METRICS = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster(METRICS.addToConfiguration(new Configuration()));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "learning";
    private static final int RECORDS = 50_000;
    private static final int JUDGED_RECORDS = 20_000;
    /**
     * How far the newer half's median must climb above the random start (0.57). Three runs of this
     * tree, where every round trains on from the last candidate (the learning line,
     * docs/model-and-learning.md), gave newer-half medians of 0.725, 0.748 and 0.677 (all versions:
     * 0.714, 0.734, 0.661; the last run's versions 9-10 dipped to 0.57-0.58), and with positives
     * no longer weighted up (train.max-positive-weight 1), 0.756 (one run, steady at 0.74-0.76
     * from v10 on, after v3 and v5 dipped to 0.44-0.45 and the line went on); three CI clones
     * 0.743, 0.748 and 0.670 (from 0.564, 8 versions). So the climb was 0.106-0.188 in eight runs;
     * a loop that learns nothing stays within 0.01 of the start. Before the line each round started
     * again from the live model, a refused round's learning was lost, and the median of all
     * versions ranged 0.59-0.68 (0.59 failed CI).
     */
    private static final double AUC_GAIN = 0.05;
    private static final int TRAIN_EVERY = 400;
    private static final int CHUNK = 3000;

    @TempDir Path dir;

    @Test
    void learnsTheHiddenIntentOnlineFromAPoorStart() throws Exception {
        Path modelFile = TestJob.randomModel(dir.resolve("poor.zip"), 99);
        JobClient job =
                TestJob.start(
                        TestJob.config(
                                KAFKA.bootstrapServers(),
                                PREFIX,
                                Map.of(
                                        "kafka.starting-offsets", "earliest",
                                        "model.path", modelFile.toString(),
                                        "model.registry.dir", dir.resolve("registry").toString(),
                                        "train.every", String.valueOf(TRAIN_EVERY),
                                        // It measures learning, not how a trainer shares the machine: train without rests.
                                        "train.cpu-share", "1.0",
                                        // From random weights, bigger steps than fine-tuning takes.
                                        "train.learning-rate", "0.005",
                                        "train.metrics-window", "1500")),
                        dir.resolve("checkpoints"));
        try {
            JobCounters counters = new JobCounters(METRICS, job);
            new TrainerPacedSender(KAFKA.bootstrapServers(), counters, CHUNK, TRAIN_EVERY).send(simulated(RECORDS, 7));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long published = 0;
            List<Long> scorerVersions = List.of();
            while (System.nanoTime() < deadline && !(published >= 3 && scorerVersions.stream().allMatch(v -> v > 1))) {
                Thread.sleep(1000);
                published = counters.counter("publishedVersions");
                scorerVersions = scorerVersions(job);
            }
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
            assertThat(published).as("published versions").isGreaterThanOrEqualTo(3);

            // Judged on a stream neither model has seen, every click against the purchases after it.
            PurchaseJudge judge = new PurchaseJudge(simulated(JUDGED_RECORDS, 8));
            double start = judge.auc(judge.scoreOffline(ModelFiles.load(modelFile).network()));
            Map<Long, Double> byVersion = new TreeMap<>();
            for (Path version : versions(dir.resolve("registry"))) {
                byVersion.put(versionOf(version), judge.auc(judge.scoreOffline(ModelFiles.load(version).network())));
            }
            List<Double> aucs = List.copyOf(byVersion.values());
            double median = median(aucs);
            double newerHalf = median(aucs.subList(aucs.size() / 2, aucs.size()));
            System.out.printf(Locale.ROOT,
                    "OnlineLearningTest: AUC on unseen clicks: start %.3f, median of the versions %.3f, of the newer half %.3f, by version %s; rolling AUC %.3f; published %d, labels %d+/%d-%n",
                    start, median, newerHalf, rounded(byVersion), gauge(job, "rollingAuc").orElse(Double.NaN), published,
                    counters.counter("positive"), counters.counter("negative"));
            assertThat(newerHalf).as("median AUC of the newer half of the published versions on unseen clicks, from %.3f at the start", start)
                    .isGreaterThanOrEqualTo(start + AUC_GAIN);
            // The live version of each scoring subtask: whether it still has clicks to score when a
            // version arrives depends on machine speed, so scores alone cannot show every subtask.
            assertThat(scorerVersions).as("scoring subtasks on a learned version")
                    .hasSize(TestJob.PARALLELISM)
                    .allSatisfy(v -> assertThat(v).isGreaterThan(1));

            try (TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores")) {
                List<JsonNode> committed = new ArrayList<>();
                for (var record : scores.readFor(Duration.ofSeconds(5))) {
                    committed.add(JSON.readTree(record.value()));
                }
                List<JsonNode> learned = committed.stream().filter(s -> s.get("modelVersion").asLong() > 1).toList();
                assertThat(learned).as("committed scores made by a learned version").isNotEmpty();
                // The orders' amounts trained the value head beside the intent: the start had none.
                assertThat(committed).filteredOn(s -> s.get("modelVersion").asLong() == 1)
                        .allSatisfy(s -> assertThat(s.get("value").isNull()).as("value of the random start").isTrue());
                assertThat(learned).allSatisfy(s -> assertThat(s.get("value").isNumber()).as("value of %s", s).isTrue())
                        .anySatisfy(s -> assertThat(s.get("value").asDouble()).isPositive());
            }
        } finally {
            TestJob.stop(job);
        }
    }

    private static List<GeneratedRecord> simulated(int records, long seed) {
        ClickstreamSimulation simulation =
                new ClickstreamSimulation(SimulatedStream.settings(KAFKA.bootstrapServers(), PREFIX, seed, 3000, 0.0), BehaviourModel.standard());
        List<GeneratedRecord> out = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            out.add(simulation.next());
        }
        return out;
    }

    /** The registry's versions, {@code model-v<N>.zip}. */
    private static List<Path> versions(Path registry) throws IOException {
        try (Stream<Path> files = Files.list(registry)) {
            return files.filter(f -> f.getFileName().toString().matches("model-v\\d+\\.zip")).toList();
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    private static String rounded(Map<Long, Double> byVersion) {
        StringBuilder out = new StringBuilder();
        byVersion.forEach((version, auc) -> out.append(String.format(Locale.ROOT, " v%d %.3f", version, auc)));
        return out.toString().trim();
    }

    private static long versionOf(Path version) {
        return Long.parseLong(version.getFileName().toString().replaceAll("\\D", ""));
    }

    private static Optional<Double> gauge(JobClient job, String name) {
        return METRICS.findMetrics(job.getJobID(), name).values().stream()
                .map(OnlineLearningTest::value)
                .filter(v -> !Double.isNaN(v))
                .findFirst();
    }

    /** The live model version of each scoring subtask. */
    private static List<Long> scorerVersions(JobClient job) {
        return METRICS.findMetrics(job.getJobID(), "modelVersion").entrySet().stream()
                .filter(e -> e.getKey().contains("Score intent"))
                .map(e -> (long) value(e.getValue()))
                .toList();
    }

    private static double value(Metric metric) {
        if (metric instanceof Gauge<?> gauge && gauge.getValue() instanceof Number number) {
            return number.doubleValue();
        }
        return Double.NaN;
    }
}
