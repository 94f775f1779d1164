package io.intentflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.intentflow.job.IntentflowJob;
import io.intentflow.job.config.JobSettings;
import io.intentflow.model.network.IntentNetwork;
import io.intentflow.model.network.NetworkConfig;
import io.intentflow.model.snapshot.ModelFiles;
import io.intentflow.model.snapshot.ModelUpdate;
import io.intentflow.tools.kafka.TopicSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.function.Function;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** Starts the real job, on its real Kafka connectors, in the test's MiniCluster. */
final class TestJob {

    static final int PARALLELISM = 2;

    private TestJob() {}

    static MiniClusterExtension miniCluster() {
        return miniCluster(new Configuration());
    }

    /** With extra cluster configuration, such as a metric reporter. */
    static MiniClusterExtension miniCluster(Configuration configuration) {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setConfiguration(configuration)
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(PARALLELISM)
                        .build());
    }

    /** A model file of the default network with random weights of {@code seed}, as version 1. */
    static Path randomModel(Path file, long seed) throws IOException {
        return randomModel(file, NetworkConfig.defaults(), seed);
    }

    /** A model file of {@code network} with random weights of {@code seed}, as version 1. */
    static Path randomModel(Path file, NetworkConfig network, long seed) throws IOException {
        IntentNetwork weights = IntentNetwork.create(network, seed);
        ModelFiles.save(file, weights, new ModelUpdate(1, 0, network.hash(), 0L, weights.params(), ""));
        return file;
    }

    /** Job configuration on topics of its own, so tests sharing a broker do not meet. */
    static Configuration config(String bootstrapServers, String topicPrefix, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("kafka.bootstrap.servers", bootstrapServers);
        values.put("kafka.group.id", topicPrefix);
        values.put("kafka.transactional-id-prefix", topicPrefix);
        values.put("topics.clicks", topicPrefix + "-clicks");
        values.put("topics.purchases", topicPrefix + "-purchases");
        values.put("topics.session-updates", topicPrefix + "-session-updates");
        values.put("topics.dead-letters", topicPrefix + "-dead-letters");
        values.put("topics.scores", topicPrefix + "-scores");
        values.put("topics.model-updates", topicPrefix + "-model-updates");
        values.put("topics.model-drift", topicPrefix + "-model-drift");
        values.put("topics.intent-explanations", topicPrefix + "-explanations");
        values.putAll(overrides);
        return Configuration.fromMap(values);
    }

    /** The scoring subtasks (by the users' key groups) that emitted a score of a version {@code version} accepts. */
    static Set<Integer> scoringSubtasks(List<JsonNode> scores, LongPredicate version) {
        Set<Integer> subtasks = new HashSet<>();
        for (JsonNode s : scores) {
            if (version.test(s.get("modelVersion").asLong())) {
                subtasks.add(KeyGroupRangeAssignment.assignKeyToParallelOperator(
                        s.get("userId").asText(), KeyGroupRangeAssignment.DEFAULT_LOWER_BOUND_MAX_PARALLELISM, PARALLELISM));
            }
        }
        return subtasks;
    }

    /**
     * The cluster's and the job's configuration as the Web UI shows them (Flink's REST API):
     * where a secret put into the job's parameters or the cluster's configuration would show.
     */
    static String webUiConfiguration(MiniClusterExtension flink, JobClient job) throws Exception {
        return webUiConfiguration(URI.create("http://127.0.0.1:" + flink.getClientConfiguration().get(RestOptions.PORT)), job.getJobID().toString());
    }

    /** The same pages of any cluster's REST API at {@code base}. */
    static String webUiConfiguration(URI base, String jobId) throws Exception {
        StringBuilder pages = new StringBuilder();
        for (String page : List.of("/jobmanager/config", "/jobs/" + jobId + "/config", "/jobs/" + jobId + "/jobmanager/config")) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(page)).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(page + " answered " + response.statusCode() + ": " + response.body());
            }
            pages.append(response.body()).append('\n');
        }
        return pages.toString();
    }

    /** Creates whichever of the job's topics are missing, input and output topics with {@code partitions}. */
    static void createTopics(Configuration conf, int partitions) {
        TopicSetup.ensureTopics(JobSettings.from(conf), partitions);
    }

    /**
     * Creates the topics that are missing and submits the job. A failure is never retried: a test
     * that needs the job to survive its input sees any failure as a terminal job status.
     */
    static JobClient start(Configuration conf, Path checkpoints) throws Exception {
        return start(conf, checkpoints, IntentflowJob::onKafka);
    }

    /** The same, with the job that {@code job} builds from the settings, e.g. on a source of the test's own. */
    static JobClient start(Configuration conf, Path checkpoints, Function<JobSettings, IntentflowJob> job) throws Exception {
        TopicSetup.ensureTopics(JobSettings.from(conf), PARALLELISM);
        return submit(conf, checkpoints, job);
    }

    /**
     * Cancels the job if it still runs, and waits (at most a minute) until it has stopped: a
     * cancel request returns before the tasks end, and a checkpoint still being written would
     * race the deletion of the test's temporary folder.
     */
    static void stop(JobClient job) throws Exception {
        if (!job.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
        try {
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException stopped) {
            // Cancelled, or failed earlier (which the test has already seen): either way it has stopped.
        }
    }

    /** Submits the job that {@code job} builds, on topics that exist already; never retried either. */
    static JobClient submit(Configuration conf, Path checkpoints, Function<JobSettings, IntentflowJob> job) throws Exception {
        JobSettings settings = JobSettings.from(conf);
        Configuration flink = IntentflowJob.flinkConfiguration(conf);
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500));
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(PARALLELISM);
        job.apply(settings).build(env);
        return env.executeAsync(IntentflowJob.JOB_NAME);
    }
}
