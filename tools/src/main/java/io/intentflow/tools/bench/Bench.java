package io.intentflow.tools.bench;

import io.intentflow.job.IntentflowJob;
import io.intentflow.job.config.JobSettings;
import io.intentflow.tools.FreePorts;
import io.intentflow.tools.broker.BrokerSettings;
import io.intentflow.tools.broker.KafkaBroker;
import io.intentflow.tools.kafka.TopicSetup;
import io.intentflow.tools.pretrain.DefaultModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.TaskManagerOptions;

/**
 * {@code bin/intentflow bench}: what the model costs, as ratios measured in one run on one
 * machine. One backlog is written to Kafka once; then the job runs on it four times, each from
 * the earliest offset as a new consumer group, at the same parallelism and state backend with
 * exactly-once sinks and the deployed job's checkpoints: (a) the baseline ({@code score.enabled
 * false}: ingest, validation, sessions, session updates), (b0) the scoring pipeline without
 * explanations, (b) the scoring pipeline ({@code train.enabled false}), (c) the full job with labels and training. Then (b) runs again on fresh
 * topics, fed at half of the rate it reached, for its event-to-score latency. Prints a markdown
 * table and writes {@code bench.json}; how each number is measured: docs/performance.md.
 *
 * <p>Flags: {@code --out DIR} (required), {@code --duration S} (measured seconds per variant,
 * 60), {@code --warmup S} (seconds each run has before it is measured, 20), {@code --state
 * rocksdb|hashmap} (rocksdb), {@code --parallelism N} (2), {@code --records N} (backlog size;
 * default {@value BenchOptions#RECORDS_PER_SECOND} per second of warm-up and duration), {@code
 * --bootstrap HOST:PORT} (a broker to use; default: one of its own on free ports, in a
 * temporary folder), and any job configuration key, given to every run.
 */
public final class Bench {

    private static final Path CLUSTER_CONF = Path.of("conf");

    private final BenchOptions options;
    private final Path work;

    private Bench(BenchOptions options, Path work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the bench; returns the exit code: 0 done, 1 failed, 2 bad usage. */
    public static int run(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
            JobSettings.from(options.jobConfig());
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            return 2;
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("intentflow-bench-");
            new Bench(options, work).run();
            return 0;
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            return 1;
        } finally {
            delete(work);
        }
    }

    private void run() throws Exception {
        try (KafkaBroker broker = options.bootstrap().isPresent() ? null : startBroker()) {
            String bootstrap = options.bootstrap().orElseGet(broker::bootstrapServers);
            Configuration base = DefaultModel.unlessConfigured(options.jobConfig(), "bench");
            String run = "bench-" + System.currentTimeMillis();
            String input = run + "-backlog";
            TopicSetup.ensureTopics(JobSettings.from(Variant.BASELINE.jobConfig(base, bootstrap, input, input)), BenchJob.PARTITIONS);
            System.out.printf(Locale.ROOT, "bench: writing the backlog, %,d records to %s-clicks and -purchases...%n", options.records(), input);
            Backlog backlog = writeBacklog(broker, bootstrap, input);
            System.out.printf(Locale.ROOT, "bench: backlog written in %d s: %,d valid clicks of %,d users over %.1f days of event time%n",
                    backlog.written().toSeconds(), backlog.validClicks(), backlog.users(), backlog.eventTime().toHours() / 24.0);
            boolean rssPerVariant = PeakRss.reset();

            Map<Variant, VariantRun.Result> results = new EnumMap<>(Variant.class);
            for (Variant variant : Variant.values()) {
                System.out.printf("bench: %s: %d s warm-up, then %d s measured...%n", variant.title, options.warmup().toSeconds(), options.duration().toSeconds());
                try (BenchJob job = start(variant.jobConfig(base, bootstrap, input, run + "-" + variant.key))) {
                    System.out.println("bench: running, Web UI " + job.webUi());
                    VariantRun.Result result = VariantRun.measure(job, options.warmup(), options.duration(), backlog);
                    if (result.eventsPerSecond() == 0) {
                        throw new IllegalStateException(String.format(Locale.ROOT,
                                "%s read no click while measured: the backlog of %,d records ran out in the warm-up; rerun with more --records",
                                variant.title, options.records()));
                    }
                    results.put(variant, result);
                    System.out.printf(Locale.ROOT, "bench: %s: %,.0f events/s, %,.0f scores/s, %,d late%n",
                            variant.key, result.eventsPerSecond(), result.scoresPerSecond(), result.late());
                    result.load().forEach((vertex, share) -> System.out.printf(Locale.ROOT,
                            "bench:   busy %4.0f ms/s, back-pressured %4.0f ms/s: %s%n", share.busyMsPerSecond(), share.backPressuredMsPerSecond(), vertex));
                }
            }

            double clicksPerSecond = results.get(Variant.SCORING).eventsPerSecond() / 2;
            int rate = (int) Math.max(1, Math.round(clicksPerSecond / backlog.validClickShare()));
            String fresh = run + "-latency";
            Configuration config = Variant.SCORING.jobConfig(base, bootstrap, fresh, fresh);
            System.out.printf(Locale.ROOT, "bench: latency of %s at %,.0f clicks/s (%,d records/s): %d s warm-up, then %d s measured...%n",
                    Variant.SCORING.title, clicksPerSecond, rate, options.warmup().toSeconds(), options.duration().toSeconds());
            LatencyProbe.Result latency;
            try (BenchJob job = start(config)) {
                var generator = Backlog.settings(bootstrap, fresh, rate, backlog.users(), Backlog.SEED + 1, Optional.empty());
                // Scores are committed with each checkpoint: wait out a few.
                Duration drain = checkpointInterval(config).multipliedBy(3).plusSeconds(30);
                latency = LatencyProbe.measure(job, JobSettings.from(config), generator, options.warmup(), options.duration(), drain);
            }

            JobSettings settings = JobSettings.from(base);
            BenchReport report = new BenchReport(
                    new BenchReport.Setup(
                            Runtime.getRuntime().availableProcessors(), options.parallelism(), options.stateBackend(),
                            settings.deliveryGuarantee().toString().toLowerCase(Locale.ROOT).replace('_', '-'),
                            checkpointInterval(base), options.warmup(), options.duration()),
                    backlog, results, clicksPerSecond, latency, rssPerVariant);
            System.out.print(report.table());
            Files.createDirectories(options.out());
            report.write(options.out().resolve("bench.json"));
            System.out.println("bench: wrote " + options.out().resolve("bench.json"));
            if (options.bootstrap().isPresent()) {
                System.out.println("bench: its topics (" + run + "-*) stay on " + bootstrap + "; delete them when done");
            }
        }
    }

    /**
     * Writes the backlog; when that fails on the bench's own broker, the failure carries the
     * broker's last log lines, because the broker's folder is deleted when the bench ends.
     */
    private Backlog writeBacklog(KafkaBroker broker, String bootstrap, String input) throws Exception {
        try {
            return Backlog.write(bootstrap, input, options.records());
        } catch (Exception e) {
            if (broker == null) {
                throw e;
            }
            throw new IOException("writing the backlog failed: " + e + broker.lastLogLines(), e);
        }
    }

    private BenchJob start(Configuration jobConfig) throws Exception {
        return BenchJob.start(jobConfig, options, likeTheLocalCluster(), work.resolve("checkpoints"));
    }

    /**
     * The local cluster's managed memory (RocksDB's block cache and write buffers) where its
     * conf/config.yaml is at hand; Flink's default for a local run otherwise.
     */
    private static Configuration likeTheLocalCluster() {
        Configuration cluster = new Configuration();
        if (Files.isRegularFile(CLUSTER_CONF.resolve("config.yaml"))) {
            GlobalConfiguration.loadConfiguration(CLUSTER_CONF.toString())
                    .getOptional(TaskManagerOptions.MANAGED_MEMORY_SIZE)
                    .ifPresent(size -> cluster.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, size));
        }
        return cluster;
    }

    private static Duration checkpointInterval(Configuration jobConfig) {
        return IntentflowJob.flinkConfiguration(jobConfig).get(CheckpointingOptions.CHECKPOINTING_INTERVAL);
    }

    private KafkaBroker startBroker() throws Exception {
        BrokerSettings settings = new BrokerSettings(work.resolve("kafka"), FreePorts.next(), FreePorts.next(), BrokerSettings.DEFAULT_HEAP_MB);
        System.out.println("bench: starting a Kafka broker on 127.0.0.1:" + settings.port());
        return KafkaBroker.start(settings);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (Exception e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
