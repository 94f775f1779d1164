package io.intentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.records.DeadLetterReason;
import io.intentflow.tools.demo.JobMetrics;
import io.intentflow.tools.generate.BehaviourModel;
import io.intentflow.tools.generate.ClickstreamSimulation;
import io.intentflow.tools.generate.GeneratedRecord;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.YamlParserUtils;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every custom metric the README documents, read the way the Web UI reads it (Flink's REST API:
 * {@code /jobs/<job>/vertices/<vertex>/metrics?get=<subtask>.<operator>.<metric>}), under the
 * vertex the README names, on every subtask, with a value that fits what the job did: the
 * dead-letter counters match the dead-letters topic reason by reason, the score counter matches
 * the scores topic, the model version is a trained one. The same metrics reach Prometheus through
 * the optional reporter, switched on by conf/prometheus.yaml, under the names the README gives.
 */
class MetricsInWebUiTest {

    private static final int PROMETHEUS_PORT = KafkaBrokerExtension.freePort();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();
    @RegisterExtension static final MiniClusterExtension FLINK = TestJob.miniCluster(clusterConfig());

    private static final String PREFIX = "metrics";
    private static final int RECORDS = 3000;

    private static final String CLICKS = "Source: Clicks (Kafka) -> Validate clicks";
    private static final String PURCHASES = "Source: Purchases (Kafka) -> Validate purchases";
    private static final String MODEL_UPDATES = "Source: Model updates (Kafka)";
    private static final String SESSIONIZER = "Sessionize per user (event time)";
    private static final String LABELS = "Join labels to session prefixes";
    private static final String TRAINER = "Train and publish model versions";
    private static final String SCORER = "Score intent (DL4J)";
    private static final String DEAD_LETTERS = "Dead letters (Kafka)";

    @TempDir Path dir;

    /** With the Prometheus reporter as conf/prometheus.yaml switches it on, on a port free here. */
    private static Configuration clusterConfig() {
        Configuration conf = new Configuration();
        // The REST API's view of the metrics is at most this old (default 10 s).
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        try {
            YamlParserUtils.loadYamlFile(new File("../conf/prometheus.yaml")).forEach((key, value) -> conf.setString(key, String.valueOf(value)));
        } catch (Exception e) {
            throw new IllegalStateException("conf/prometheus.yaml: " + e.getMessage(), e);
        }
        conf.setString("metrics.reporter.prom.port", String.valueOf(PROMETHEUS_PORT));
        return conf;
    }

    /** A documented metric: where it is, and what its value must be once the input is processed. */
    private record Expected(String vertex, String metric, int subtasks, Aggregate aggregate, String rule, DoublePredicate holds) {}

    private enum Aggregate { SUM, EACH }

    @Test
    void everyDocumentedMetricIsUnderItsOperatorWithASensibleValue() throws Exception {
        Path modelFile = TestJob.randomModel(dir.resolve("initial.zip"), 3);
        JobClient job =
                TestJob.start(
                        TestJob.config(
                                KAFKA.bootstrapServers(),
                                PREFIX,
                                Map.of(
                                        "kafka.starting-offsets", "earliest",
                                        "model.path", modelFile.toString(),
                                        "train.every", "150",
                                        // The gate lets every candidate through: versions are what is counted here.
                                        "train.gate.auc-margin", "1",
                                        "train.gate.loss-margin", "1000")),
                        dir.resolve("checkpoints"));
        int restPort = FLINK.getClientConfiguration().get(RestOptions.PORT);
        JobMetrics metrics = new JobMetrics(restPort, job.getJobID().toHexString());
        try (TopicReader scores = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-scores");
                TopicReader deadLetters = new TopicReader(KAFKA.bootstrapServers(), PREFIX + "-dead-letters")) {
            send(RECORDS);
            scores.readUntil(r -> r.size() >= 1000, Duration.ofSeconds(90));
            sendOneBadRecordOfEachKind();

            long started = System.nanoTime();
            List<String> problems = List.of("not checked yet");
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!problems.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                List<JsonNode> letters = TopicReader.json(deadLetters.readFor(Duration.ofMillis(200)));
                problems = problems(metrics, expected(scores.readFor(Duration.ofMillis(200)).size(), letters));
            }
            System.out.printf("MetricsInWebUiTest: metrics settled after %d s%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
            print(metrics, expected(0, List.of()));
            assertThat(problems).as("metrics that are missing or off").isEmpty();
            assertThat(metrics.vertexNames())
                    .as("vertices, as the Web UI names them")
                    .hasSize(8)
                    .anySatisfy(n -> assertThat(n).startsWith(CLICKS))
                    .anySatisfy(n -> assertThat(n).startsWith(PURCHASES))
                    .anySatisfy(n -> assertThat(n).startsWith(MODEL_UPDATES))
                    .anySatisfy(n -> assertThat(n).startsWith(SESSIONIZER))
                    .anySatisfy(n -> assertThat(n).startsWith(LABELS))
                    .anySatisfy(n -> assertThat(n).startsWith(TRAINER))
                    .anySatisfy(n -> assertThat(n).startsWith(SCORER))
                    .anySatisfy(n -> assertThat(n).startsWith(DEAD_LETTERS));
            assertThat(prometheus())
                    .contains("flink_taskmanager_job_task_operator_scores{")
                    .contains("operator_name=\"Score_intent__DL4J_\"")
                    .contains("flink_taskmanager_job_task_operator_modelVersion{")
                    .contains("flink_taskmanager_job_task_operator_deadLetters_late{")
                    .contains("flink_taskmanager_job_task_operator_deadLetters_malformed_json{")
                    .contains("flink_taskmanager_job_task_operator_labels_positive{")
                    .contains("flink_taskmanager_job_task_operator_rollingAuc{")
                    .contains("flink_taskmanager_job_task_operator_openSessions{")
                    .contains("flink_taskmanager_job_task_operator_inferenceLatencyMicros{")
                    .contains("quantile=\"0.99\"");
            assertThat(job.getJobStatus().get(10, TimeUnit.SECONDS)).isEqualTo(JobStatus.RUNNING);
        } finally {
            TestJob.stop(job);
        }
    }

    /** What the README documents, with the values this test's input must produce. */
    private static List<Expected> expected(int scoresCommitted, List<JsonNode> deadLetters) {
        List<Expected> expected = new ArrayList<>();
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            if (reason == DeadLetterReason.LATE) {
                continue;
            }
            long clicks = count(deadLetters, PREFIX + "-clicks", reason);
            long purchases = count(deadLetters, PREFIX + "-purchases", reason);
            expected.add(new Expected(CLICKS, "Validate_clicks.deadLetters." + reason.wireName(), 2, Aggregate.SUM, "= " + clicks + " on the topic", v -> v == clicks));
            expected.add(new Expected(PURCHASES, "Validate_purchases.deadLetters." + reason.wireName(), 2, Aggregate.SUM, "= " + purchases + " on the topic", v -> v == purchases));
        }
        long late = count(deadLetters, PREFIX + "-clicks", DeadLetterReason.LATE);
        expected.add(new Expected(SESSIONIZER, "Late_clicks_to_dead_letters.deadLetters.late", 2, Aggregate.SUM, "= " + late + " on the topic, > 0", v -> v == late && v > 0));
        expected.add(new Expected(MODEL_UPDATES, "Source__Model_updates_(Kafka).deserializer.undecodableModelUpdates", 1, Aggregate.SUM, "= 1", v -> v == 1));

        expected.add(new Expected(SCORER, "Score_intent_(DL4J).scores", 2, Aggregate.SUM, "= " + scoresCommitted + " committed", v -> v == scoresCommitted && v > 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).scoresPerSecond", 2, Aggregate.SUM, ">= 0", v -> v >= 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).recomputes", 2, Aggregate.SUM, "> 0", v -> v > 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).recomputesPerSecond", 2, Aggregate.SUM, ">= 0", v -> v >= 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).batchSize_mean", 2, Aggregate.EACH, ">= 1", v -> v >= 1));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).batchSize_max", 2, Aggregate.EACH, "1..256", v -> v >= 1 && v <= 256));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).inferenceLatencyMicros_median", 2, Aggregate.EACH, "> 0", v -> v > 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).inferenceLatencyMicros_p99", 2, Aggregate.EACH, "> 0", v -> v > 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).modelVersion", 2, Aggregate.EACH, ">= 2 (a trained version)", v -> v >= 2));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).modelFreshnessMs", 2, Aggregate.EACH, ">= 0", v -> v >= 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).openSessions", 2, Aggregate.EACH, "> 0", v -> v > 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).refusedModelUpdates", 2, Aggregate.SUM, "= 0", v -> v == 0));
        expected.add(new Expected(SCORER, "Score_intent_(DL4J).unscoredWithoutModel", 2, Aggregate.SUM, "= 0", v -> v == 0));

        expected.add(new Expected(LABELS, "Join_labels_to_session_prefixes.labels.positive", 2, Aggregate.SUM, "> 0", v -> v > 0));
        expected.add(new Expected(LABELS, "Join_labels_to_session_prefixes.labels.negative", 2, Aggregate.SUM, "> 0", v -> v > 0));
        expected.add(new Expected(LABELS, "Join_labels_to_session_prefixes.labels.droppedPrefixes", 2, Aggregate.SUM, ">= 0", v -> v >= 0));
        expected.add(new Expected(LABELS, "Join_labels_to_session_prefixes.labels.latePurchases", 2, Aggregate.SUM, ">= 0", v -> v >= 0));

        String trainer = "Train_and_publish_model_versions.";
        expected.add(new Expected(TRAINER, trainer + "examples", 1, Aggregate.SUM, "> 0", v -> v > 0));
        expected.add(new Expected(TRAINER, trainer + "examplesPerSecond", 1, Aggregate.SUM, ">= 0", v -> v >= 0));
        expected.add(new Expected(TRAINER, trainer + "publishedVersions", 1, Aggregate.SUM, ">= 1", v -> v >= 1));
        expected.add(new Expected(TRAINER, trainer + "rejectedVersions", 1, Aggregate.SUM, "= 0 (gate open)", v -> v == 0));
        expected.add(new Expected(TRAINER, trainer + "modelVersion", 1, Aggregate.SUM, ">= 2", v -> v >= 2));
        expected.add(new Expected(TRAINER, trainer + "rollingAuc", 1, Aggregate.SUM, "0..1", v -> v >= 0 && v <= 1));
        expected.add(new Expected(TRAINER, trainer + "rollingLogLoss", 1, Aggregate.SUM, "> 0", v -> v > 0));
        expected.add(new Expected(TRAINER, trainer + "trainLoss", 1, Aggregate.SUM, "> 0", v -> v > 0));
        expected.add(new Expected(TRAINER, trainer + "replayBufferSize", 1, Aggregate.SUM, "> 0", v -> v > 0));
        expected.add(new Expected(TRAINER, trainer + "roundDurationMs", 1, Aggregate.SUM, "> 0", v -> v > 0));
        expected.add(new Expected(TRAINER, trainer + "examplesWaiting", 1, Aggregate.SUM, "0..4000 (2 x train.max-waiting)", v -> v >= 0 && v <= 4000));
        expected.add(new Expected(TRAINER, trainer + "sampledOutExamples", 1, Aggregate.SUM, ">= 0", v -> v >= 0));
        expected.add(new Expected(TRAINER, trainer + "sampledOutShare", 1, Aggregate.SUM, "0..1", v -> v >= 0 && v <= 1));
        expected.add(new Expected(TRAINER, trainer + "unscoredExamples", 1, Aggregate.SUM, "= 0", v -> v == 0));
        expected.add(new Expected(TRAINER, trainer + "adoptedVersions", 1, Aggregate.SUM, "= 0 (none pushed)", v -> v == 0));
        expected.add(new Expected(TRAINER, trainer + "rollbacks", 1, Aggregate.SUM, ">= 0", v -> v >= 0));
        expected.add(new Expected(TRAINER, trainer + "driftDetections", 1, Aggregate.SUM, ">= 0", v -> v >= 0));
        expected.add(new Expected(TRAINER, trainer + "driftStatistic", 1, Aggregate.SUM, "0..50 (train.drift.threshold)", v -> v >= 0 && v <= 50));
        expected.add(new Expected(TRAINER, trainer + "driftScorePsi", 1, Aggregate.SUM, ">= 0", v -> v >= 0));
        expected.add(new Expected(TRAINER, trainer + "driftBoostRoundsLeft", 1, Aggregate.SUM, "0..3 (train.drift.rounds)", v -> v >= 0 && v <= 3));
        expected.add(new Expected(TRAINER, trainer + "refusedModelUpdates", 1, Aggregate.SUM, "= 0 (its own read back are not refused)", v -> v == 0));
        return expected;
    }

    /** The expected metrics that are missing on a subtask or whose value breaks its rule. */
    private static List<String> problems(JobMetrics metrics, List<Expected> expected) {
        List<String> problems = new ArrayList<>();
        for (Expected e : expected) {
            TreeMap<Integer, Double> values = metrics.bySubtask(e.vertex(), e.metric());
            if (values.size() != e.subtasks()) {
                problems.add(e.metric() + " on " + values.size() + " of " + e.subtasks() + " subtasks");
            } else if (e.aggregate() == Aggregate.SUM && !e.holds().test(values.values().stream().mapToDouble(Double::doubleValue).sum())) {
                problems.add(e.metric() + " " + values + ", expected sum " + e.rule());
            } else if (e.aggregate() == Aggregate.EACH && !values.values().stream().allMatch(v -> e.holds().test(v))) {
                problems.add(e.metric() + " " + values + ", expected each " + e.rule());
            }
        }
        return problems;
    }

    private static void print(JobMetrics metrics, List<Expected> expected) {
        for (Expected e : expected) {
            System.out.printf(Locale.ROOT, "MetricsInWebUiTest: %-35s %-75s %s%n", e.vertex(), e.metric(), metrics.bySubtask(e.vertex(), e.metric()));
        }
    }

    private static long count(List<JsonNode> deadLetters, String topic, DeadLetterReason reason) {
        return deadLetters.stream()
                .filter(d -> d.get("topic").asText().equals(topic) && d.get("reason").asText().equals(reason.wireName()))
                .count();
    }

    private void send(int records) {
        ClickstreamSimulation simulation =
                new ClickstreamSimulation(SimulatedStream.settings(KAFKA.bootstrapServers(), PREFIX, 11, 600, 0.01), BehaviourModel.standard());
        List<GeneratedRecord> out = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            out.add(simulation.next());
        }
        SimulatedStream.send(KAFKA.bootstrapServers(), out);
    }

    /** A click that is not JSON, a click a day behind the stream, an order that is an array, a model update that is none. */
    private void sendOneBadRecordOfEachKind() throws Exception {
        long dayBeforeTheStream = System.currentTimeMillis() - Duration.ofDays(4).toMillis();
        try (TestProducer clicks = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-clicks");
                TestProducer purchases = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-purchases");
                TestProducer models = new TestProducer(KAFKA.bootstrapServers(), PREFIX + "-model-updates")) {
            clicks.send(0, "u-bad", "{\"eventId\":\"broken");
            clicks.send(1, "u-late", TestProducer.click("late-1", "u-late", "view", dayBeforeTheStream));
            purchases.send(0, "u-bad", "[1,2]");
            models.send(0, "model", "not a model".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String prometheus() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PROMETHEUS_PORT + "/metrics")).timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
