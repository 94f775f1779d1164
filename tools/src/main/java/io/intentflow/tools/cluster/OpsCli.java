package io.intentflow.tools.cluster;

import io.intentflow.job.IntentflowJob;
import io.intentflow.job.config.ConfigLoader;
import io.intentflow.job.config.JobOptions;
import io.intentflow.job.config.JobSettings;
import io.intentflow.tools.kafka.TopicSetup;
import io.intentflow.tools.pretrain.DefaultModel;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;

/**
 * The operations commands of {@code bin/intentflow}, run from the repository root:
 *
 * <pre>
 * cluster start [--slots N] [--taskmanagers N] | add-taskmanager | stop | status
 * deploy [--from-savepoint PATH] [--parallelism N] [--rest URL] [job args...]
 * stop [--savepoint] [--job ID] [--rest URL]
 * savepoint [--job ID] [--rest URL]
 * bench-redeploy [--runs N] [--seconds S] [job args...]
 * </pre>
 *
 * {@code --rest} names any Flink 2.2 session cluster; the default is the local one. Exit codes:
 * 0 done, 1 failed, 2 bad usage, 3 not running (cluster status).
 */
public final class OpsCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_RUNNING = 3;

    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(90);
    private static final int TOPIC_PARTITIONS = 4;
    private static final Path CONF = Path.of("conf");
    private static final Path WORK = Path.of(".intentflow", "cluster");
    private static final Path TARGET = Path.of("job", "target");

    private final Flags flags;
    private final String command;

    private OpsCli(String command, Flags flags) {
        this.command = command;
        this.flags = flags;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        String command = rest.isEmpty() ? "" : rest.remove(0);
        if (command.equals("cluster")) {
            command = rest.isEmpty() ? "cluster" : "cluster " + rest.remove(0);
        }
        try {
            return new OpsCli(command, Flags.parse(rest)).execute();
        } catch (IllegalArgumentException e) {
            System.err.println("intentflow " + command + ": " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            System.err.println("intentflow " + command + ": " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("intentflow " + command + ": interrupted");
            return FAILED;
        }
    }

    private int execute() throws IOException, InterruptedException {
        return switch (command) {
            case "cluster start" -> ClusterCommands.start(cluster(), clusterOverrides(), flags.intValue("taskmanagers").orElse(1));
            case "cluster add-taskmanager" -> ClusterCommands.addTaskManager(cluster());
            case "cluster stop" -> ClusterCommands.stop(cluster());
            case "cluster status" -> ClusterCommands.status(cluster());
            case "deploy" -> deploy();
            case "stop" -> stop();
            case "savepoint" -> savepoint();
            case "bench-redeploy" -> new RedeployBenchmark(cluster(), jar(), jobArgs()).run(
                    flags.intValue("runs").orElse(5), Duration.ofSeconds(flags.intValue("seconds").orElse(20)));
            default -> throw new IllegalArgumentException("unknown command; try: cluster start|add-taskmanager|stop|status, deploy, stop, savepoint, bench-redeploy");
        };
    }

    private int deploy() throws IOException, InterruptedException {
        FlinkRest rest = rest();
        if (Deployer.runningJobs(rest).stream().anyMatch(job -> job.name().equals(IntentflowJob.JOB_NAME))) {
            throw new IOException("an Intentflow job already runs on " + rest.base() + "; stop it first (bin/intentflow stop --savepoint)");
        }
        String jobId = Deployer.deploy(rest, jar(), jobArgs(), flags.intValue("parallelism"), flags.value("from-savepoint"));
        System.out.println("deploy: job " + jobId + " submitted" + flags.value("from-savepoint").map(s -> " from " + s).orElse(""));
        String state = rest.awaitState(jobId, RUNNING_TIMEOUT, "RUNNING", "FAILED", "CANCELED", "FINISHED");
        if (!state.equals("RUNNING")) {
            throw new IOException("job " + jobId + " is " + state + "; see the JobManager's log (Web UI: " + rest.base() + ")");
        }
        // Only tasks that run have their TaskManager: wait for all before printing where they run.
        rest.awaitAllTasksRunning(jobId, RUNNING_TIMEOUT);
        JobLayout layout = JobLayout.of(rest, jobId);
        System.out.println("deploy: job " + jobId + " RUNNING at parallelism " + layout.job() + ", Web UI " + rest.base() + "#/job/running/" + jobId + "/overview");
        layout.lines("  ").forEach(System.out::println);
        return OK;
    }

    private int stop() throws IOException, InterruptedException {
        FlinkRest rest = rest();
        FlinkRest.JobSummary job = Deployer.runningJob(rest, flags.value("job"));
        if (!flags.has("savepoint")) {
            rest.cancel(job.id());
            rest.awaitState(job.id(), RUNNING_TIMEOUT, "CANCELED", "FAILED", "FINISHED");
            System.out.println("stop: job " + job.id() + " cancelled (no savepoint; --savepoint keeps its state)");
            return OK;
        }
        System.out.println("stop: stopping job " + job.id() + " with a savepoint...");
        String location = rest.awaitSavepoint(job.id(), rest.stopWithSavepoint(job.id(), Optional.empty()), SAVEPOINT_TIMEOUT);
        System.out.println("stop: job " + job.id() + " stopped; savepoint " + location);
        System.out.println("stop: resume with bin/intentflow deploy --from-savepoint " + location);
        return OK;
    }

    private int savepoint() throws IOException, InterruptedException {
        FlinkRest rest = rest();
        FlinkRest.JobSummary job = Deployer.runningJob(rest, flags.value("job"));
        String location = rest.awaitSavepoint(job.id(), rest.triggerSavepoint(job.id(), Optional.empty()), SAVEPOINT_TIMEOUT);
        System.out.println("savepoint: " + location + " (job " + job.id() + " keeps running)");
        return OK;
    }

    private LocalCluster cluster() throws IOException {
        Path classpathFile = TARGET.resolve("cluster.classpath");
        if (!Files.isRegularFile(classpathFile)) {
            throw new IOException(classpathFile + " is missing: build with bin/intentflow build");
        }
        return new LocalCluster(CONF, WORK, Files.readString(classpathFile).trim());
    }

    private Map<String, String> clusterOverrides() {
        Map<String, String> overrides = new HashMap<>();
        flags.intValue("slots").ifPresent(n -> overrides.put("taskmanager.numberOfTaskSlots", Integer.toString(n)));
        return overrides;
    }

    private FlinkRest rest() throws IOException {
        if (flags.value("rest").isPresent()) {
            return new FlinkRest(URI.create(flags.value("rest").get().replaceFirst("/?$", "/")));
        }
        LocalCluster cluster = cluster();
        if (!cluster.wasStarted() || cluster.jobManager().isEmpty()) {
            throw new IOException("no local Flink cluster runs: start one with bin/intentflow cluster start (or name one with --rest URL)");
        }
        return cluster.rest();
    }

    /**
     * The job's arguments, with the default pretrained model unless they name a model; creates
     * the job's topics where they are missing.
     */
    private List<String> jobArgs() throws IOException {
        List<String> args = new ArrayList<>(flags.passThrough());
        Configuration jobConfig = ConfigLoader.load(args.toArray(String[]::new));
        JobSettings settings = JobSettings.from(jobConfig);
        try {
            TopicSetup.ensureTopics(settings, TOPIC_PARTITIONS);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage() + " (is Kafka running? bin/intentflow kafka start)", e);
        }
        if (!DefaultModel.isConfigured(jobConfig)) {
            Path model = DefaultModel.ensure(jobConfig, command).toAbsolutePath();
            args.addAll(List.of("--" + JobOptions.MODEL_PATH.key(), model.toString()));
        }
        return args;
    }

    private static Path jar() throws IOException {
        return Deployer.jobJar(TARGET);
    }
}
