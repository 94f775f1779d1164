package io.intentflow.tools.demo;

import io.intentflow.job.IntentflowJob;
import io.intentflow.job.config.JobSettings;
import io.intentflow.tools.broker.BrokerSettings;
import io.intentflow.tools.broker.KafkaBroker;
import io.intentflow.tools.datasets.Dataset;
import io.intentflow.tools.flink.LocalFlink;
import io.intentflow.tools.generate.ClickstreamProducer;
import io.intentflow.tools.generate.GeneratorSettings;
import io.intentflow.tools.kafka.ProducerThread;
import io.intentflow.tools.kafka.TopicSetup;
import io.intentflow.tools.pretrain.DefaultModel;
import io.intentflow.tools.replay.ReplaySettings;
import io.intentflow.tools.replay.Replayer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The embedded default: a Kafka broker (started here unless one is already listening), the
 * clickstream generator or a dataset's replay, and the job in a local Flink with the Web UI.
 * Prints one progress line a second and a summary line at the end.
 *
 * <p>Flags: {@code --duration SECONDS} (default: until Ctrl-C), {@code --ui-port} (8081),
 * {@code --parallelism} (2), the generator's flags ({@code --rate --seed --users
 * --malformed-rate}) or a replay's ({@code --format --input --speed --max-pause --limit}), and
 * any job configuration key ({@code --session.gap 10min}).
 */
public final class Demo {

    private static final Path WORK_DIR = Path.of(".intentflow");
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    // After Ctrl-C, Flink's own shutdown hooks stop the job: only what is committed can come.
    private static final Duration DRAIN_AFTER_SIGNAL = Duration.ofSeconds(5);

    private final DemoOptions options;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private Demo(DemoOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Demo demo = new Demo(DemoOptions.parse(args));
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stopFromSignal, "demo-stop"));
        try {
            demo.run();
        } finally {
            demo.finished.countDown();
        }
    }

    /** Ctrl-C: ask the main loop to wind down, and give it a bounded time to print its summary. */
    private void stopFromSignal() {
        stopRequested.countDown();
        try {
            finished.await(DRAIN_AFTER_SIGNAL.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() throws Exception {
        JobSettings settings = JobSettings.from(DefaultModel.unlessConfigured(options.jobConfig(), "demo"));
        try (KafkaBroker broker = startBrokerUnlessRunning(settings)) {
            TopicSetup.ensureTopics(settings, options.partitions());
            // Count this run only: the job starts where this run starts writing.
            TopicSetup.moveGroupToEnd(settings);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flinkConfiguration());
            IntentflowJob.onKafka(settings).build(env);
            System.out.println("demo: scoring with model " + settings.modelPath().orElseThrow());
            ReplaySettings replay = options.replays() ? ReplaySettings.parse(options.replayArgs(settings)) : null;
            try (OutputCounter counter = new OutputCounter(settings);
                    Dataset dataset = replay == null ? null : read(replay);
                    ProducerThread<?> source = replay == null
                            ? new ClickstreamProducer(GeneratorSettings.parse(options.generatorArgs(settings)))
                            : new Replayer(replay, dataset.records())) {
                JobClient job = env.executeAsync("Intentflow demo");
                System.out.printf("demo: job %s running, Web UI on http://localhost:%d%n", job.getJobID(), options.uiPort());
                source.start();
                Progress progress = new Progress(counter, source, new JobMetrics(options.uiPort(), job.getJobID().toHexString()));
                boolean healthy = runUntilStopped(job, progress);
                boolean interrupted = stopRequested.getCount() == 0;
                source.stop();
                if (healthy) {
                    drain(counter, source, interrupted ? DRAIN_AFTER_SIGNAL : DRAIN_TIMEOUT);
                }
                System.out.println(progress.summary());
                if (!interrupted) {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    private boolean runUntilStopped(JobClient job, Progress progress) throws Exception {
        long deadline = options.duration().map(d -> System.nanoTime() + d.toNanos()).orElse(Long.MAX_VALUE);
        while (System.nanoTime() < deadline && !stopRequested.await(0, TimeUnit.MILLISECONDS)) {
            progress.tick(Duration.ofSeconds(1));
            System.out.println(progress.line());
            JobStatus status = job.getJobStatus().get(10, TimeUnit.SECONDS);
            if (status.isGloballyTerminalState()) {
                System.out.println("demo: the job ended unexpectedly: " + status);
                return false;
            }
        }
        return true;
    }

    private static Dataset read(ReplaySettings replay) throws IOException {
        System.out.printf("demo: reading %s (%s) and sorting it by event time%n", replay.input(), replay.format().name());
        Dataset dataset = Dataset.read(replay.format(), replay.input());
        System.out.println("demo: replaying " + dataset.report().summary());
        return dataset;
    }

    /** Waits until every click sent is committed downstream, or the timeout. */
    private static void drain(OutputCounter counter, ProducerThread<?> source, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((counter.updates() + counter.deadLetters() < source.clicksSent() || counter.scores() < counter.updates())
                && System.nanoTime() < deadline) {
            counter.poll(Duration.ofMillis(500));
        }
    }

    private KafkaBroker startBrokerUnlessRunning(JobSettings settings) throws Exception {
        URI bootstrap = URI.create("kafka://" + settings.kafka().bootstrapServers().split(",")[0]);
        if (KafkaBroker.isReachable(bootstrap.getHost(), bootstrap.getPort())) {
            System.out.println("demo: using the Kafka broker on " + settings.kafka().bootstrapServers());
            return null;
        }
        System.out.println("demo: starting a Kafka broker on " + settings.kafka().bootstrapServers());
        return KafkaBroker.start(BrokerSettings.defaults(WORK_DIR.resolve("kafka"), bootstrap.getPort()));
    }

    private Configuration flinkConfiguration() {
        Configuration flink =
                LocalFlink.configuration(options.jobConfig(), options.uiPort(), options.parallelism(), WORK_DIR.resolve("checkpoints"));
        if (!options.jobConfig().contains(CheckpointingOptions.CHECKPOINTING_INTERVAL)) {
            // Output becomes visible on each checkpoint (exactly-once), so checkpoint often.
            flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(2));
        }
        return flink;
    }
}
