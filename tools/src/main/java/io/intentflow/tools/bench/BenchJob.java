package io.intentflow.tools.bench;

import io.intentflow.job.IntentflowJob;
import io.intentflow.job.config.JobSettings;
import io.intentflow.tools.FreePorts;
import io.intentflow.tools.cluster.FlinkRest;
import io.intentflow.tools.demo.JobMetrics;
import io.intentflow.tools.flink.LocalFlink;
import io.intentflow.tools.kafka.TopicSetup;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One run of the job for the bench, in a local Flink in this JVM (a MiniCluster of its own,
 * started for the job and stopped with it), watched through its REST API on a free port.
 */
final class BenchJob implements AutoCloseable {

    static final int PARTITIONS = 4;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final JobClient client;
    final JobMetrics metrics;
    private final FlinkRest rest;

    private BenchJob(JobClient client, int restPort) {
        this.client = client;
        this.metrics = new JobMetrics(restPort, jobId());
        this.rest = new FlinkRest(URI.create("http://127.0.0.1:" + restPort + "/"));
    }

    /** Creates the job's missing topics, submits it and waits until every task of it runs. */
    static BenchJob start(Configuration jobConfig, BenchOptions options, Configuration cluster, Path checkpoints) throws Exception {
        JobSettings settings = JobSettings.from(jobConfig);
        TopicSetup.ensureTopics(settings, PARTITIONS);
        int restPort = FreePorts.next();
        Configuration flink = LocalFlink.configuration(jobConfig, restPort, options.parallelism(), checkpoints);
        flink.addAll(cluster);
        flink.set(StateBackendOptions.STATE_BACKEND, options.stateBackend());
        // The REST API's view of the metrics and checkpoints is at most this old (defaults 10 s, 3 s).
        flink.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
        flink.set(RestOptions.CACHE_CHECKPOINT_STATISTICS_TIMEOUT, Duration.ofSeconds(1));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        IntentflowJob.onKafka(settings).build(env);
        BenchJob job = new BenchJob(env.executeAsync(IntentflowJob.JOB_NAME + " bench"), restPort);
        try {
            job.awaitAllTasksRunning();
        } catch (Exception e) {
            job.close();
            throw e;
        }
        return job;
    }

    /** Fails if the job has ended, which in the bench is always a failure. */
    void requireRunning() throws Exception {
        if (client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
            client.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the job ended while it was measured");
        }
    }

    /** The Web UI, where the job can be watched while the bench runs. */
    URI webUi() {
        return rest.base();
    }

    /** Checkpoints completed so far: each one commits the exactly-once sinks' output. */
    long completedCheckpoints() throws IOException {
        return rest.checkpoints(jobId()).path("counts").path("completed").asLong();
    }

    /** The longest a completed checkpoint took, trigger to last acknowledgement: output waits up to that on top of the interval. */
    long longestCheckpointMs() throws IOException {
        return rest.checkpoints(jobId()).path("summary").path("end_to_end_duration").path("max").asLong();
    }

    private String jobId() {
        return client.getJobID().toHexString();
    }

    private void awaitAllTasksRunning() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!allTasksRunning()) {
            requireRunning();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the job's tasks were not all running after " + START_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private boolean allTasksRunning() {
        try {
            return rest.allTasksRunning(jobId());
        } catch (IOException e) {
            return false;
        }
    }

    /** Cancels the job; its MiniCluster stops with it. */
    @Override
    public void close() throws Exception {
        if (!client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
            client.cancel().get(60, TimeUnit.SECONDS);
        }
    }
}
