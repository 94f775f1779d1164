package io.intentflow.tools.cluster;

import io.intentflow.tools.ChildProcesses;
import io.intentflow.tools.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;

/**
 * A real standalone Flink session cluster on this machine, from Maven jars: a JobManager JVM
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManager JVMs ({@code TaskManagerRunner}),
 * each in a session of its own so that it outlives the command that started it. Everything
 * lives in the work folder: {@code conf/config.yaml} (the configuration it runs with),
 * {@code log/}, {@code tmp/} (one folder per TaskManager), and one pid file per JVM, by which
 * later commands find the cluster again.
 */
public final class LocalCluster {

    /** A cluster JVM found through its pid file. */
    public record Member(String name, ProcessHandle process, Path log) {}

    private static final Duration JOBMANAGER_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration TASKMANAGER_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 250;
    private static final String JOBMANAGER = "jobmanager";
    private static final String TASKMANAGER = "taskmanager-";

    private final Path templateDir;
    private final Path workDir;
    private final String classpath;

    /**
     * @param templateDir the folder of the {@code config.yaml} and {@code log4j-cluster.properties} to run with
     * @param workDir where the cluster keeps its configuration, logs and pid files
     * @param classpath the cluster JVMs' classpath
     */
    public LocalCluster(Path templateDir, Path workDir, String classpath) {
        this.templateDir = templateDir.toAbsolutePath().normalize();
        this.workDir = workDir.toAbsolutePath().normalize();
        this.classpath = classpath;
    }

    /**
     * Starts a JobManager and {@code taskManagers} TaskManagers and waits until every TaskManager
     * has registered its slots; with a JobManager already running, only starts them if no
     * TaskManager runs.
     *
     * @param overrides Flink options over {@code config.yaml}, e.g. {@code taskmanager.numberOfTaskSlots}
     * @return what it did, in a line
     */
    public String start(Map<String, String> overrides, int taskManagers) throws IOException, InterruptedException {
        if (jobManager().isPresent()) {
            if (!taskManagers().isEmpty()) {
                return "already running";
            }
            return "jobmanager already running; started " + String.join(", ", startTaskManagers(taskManagers));
        }
        forgetDead();
        Configuration conf = ClusterConfig.write(templateDir, overrides, confDir());
        Files.createDirectories(logDir());
        ProcessHandle jobManager = launch(FlinkProcess.Role.JOBMANAGER, conf, JOBMANAGER, List.of());
        FlinkRest rest = rest();
        long deadline = System.nanoTime() + JOBMANAGER_TIMEOUT.toNanos();
        while (!rest.answers()) {
            failIfGone(jobManager, JOBMANAGER, deadline, JOBMANAGER_TIMEOUT);
            Thread.sleep(POLL_MILLIS);
        }
        return "started jobmanager and " + String.join(", ", startTaskManagers(taskManagers));
    }

    /** Starts one more TaskManager and waits until it has registered with its slots; returns its name. */
    public String startTaskManager() throws IOException, InterruptedException {
        return startTaskManagers(1).get(0);
    }

    /**
     * Starts {@code count} more TaskManagers side by side, each standing in for a machine of its
     * own: its own RPC and data port, temporary folder (RocksDB's working files) and log; waits
     * until all have registered with their slots. Returns their names.
     */
    public List<String> startTaskManagers(int count) throws IOException, InterruptedException {
        Configuration conf = ClusterConfig.read(confDir());
        Map<String, ProcessHandle> started = new LinkedHashMap<>();
        int first = nextTaskManagerNumber();
        for (int n = first; n < first + count; n++) {
            String name = TASKMANAGER + n;
            Path tmp = Files.createDirectories(workDir.resolve("tmp").resolve(name));
            started.put(name, launch(FlinkProcess.Role.TASKMANAGER, conf, name, List.of(
                    // A resource id of our choosing tells this TaskManager from one that died but is still listed.
                    "taskmanager.resource-id=" + name,
                    "taskmanager.rpc.port=" + FreePorts.next(),
                    "taskmanager.data.port=" + FreePorts.next(),
                    "io.tmp.dirs=" + tmp)));
        }
        FlinkRest rest = rest();
        long deadline = System.nanoTime() + TASKMANAGER_TIMEOUT.toNanos();
        while (!registeredWithSlots(rest).containsAll(started.keySet())) {
            for (Map.Entry<String, ProcessHandle> tm : started.entrySet()) {
                failIfGone(tm.getValue(), tm.getKey(), deadline, TASKMANAGER_TIMEOUT);
            }
            Thread.sleep(POLL_MILLIS);
        }
        return List.copyOf(started.keySet());
    }

    /** Stops the TaskManagers, then the JobManager (SIGTERM, SIGKILL after 30 s); returns what it stopped. */
    public List<Member> stop() throws IOException, InterruptedException {
        List<Member> stopped = new ArrayList<>(taskManagers());
        jobManager().ifPresent(stopped::add);
        for (Member member : stopped) {
            member.process().destroy();
        }
        for (Member member : stopped) {
            if (!ChildProcesses.awaitOrKill(member.process(), STOP_TIMEOUT, Duration.ofSeconds(5))) {
                throw new IOException(member.name() + " (pid " + member.process().pid() + ") survived SIGKILL");
            }
        }
        forgetDead();
        return stopped;
    }

    public Optional<Member> jobManager() throws IOException {
        return member(JOBMANAGER);
    }

    /** The TaskManagers that run, oldest first. */
    public List<Member> taskManagers() throws IOException {
        List<Member> members = new ArrayList<>();
        for (String name : pidFileNames()) {
            if (name.startsWith(TASKMANAGER)) {
                member(name).ifPresent(members::add);
            }
        }
        members.sort((a, b) -> Integer.compare(number(a.name()), number(b.name())));
        return members;
    }

    /** The REST API of the running cluster, from the configuration it was started with. */
    public FlinkRest rest() {
        return new FlinkRest(ClusterConfig.restUri(ClusterConfig.read(confDir())));
    }

    /** Whether this work folder holds the configuration of a started cluster. */
    public boolean wasStarted() {
        return Files.isRegularFile(confDir().resolve(ClusterConfig.FILE));
    }

    public Path workDir() {
        return workDir;
    }

    private ProcessHandle launch(FlinkProcess.Role role, Configuration conf, String name, List<String> dynamic)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(FlinkProcess.command(
                role, confDir(), conf, classpath, templateDir.resolve("log4j-cluster.properties"),
                log(name), workDir.resolveSibling("javacpp"), dynamic));
        // A Ctrl-C meant for this command must not reach the cluster.
        ChildProcesses.inOwnSession(command);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logDir().resolve(name + ".out").toFile());
        // The JVM inherits this command's environment, INTENTFLOW_USER_ID_KEY included: the key
        // reaches the TaskManagers without entering their configuration (docs/privacy.md).
        // Two tasks sharing two cores run faster with one OpenMP thread each than with two.
        builder.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        // RocksDB and ND4J allocate natively from many threads; glibc's per-thread arenas then keep
        // freed memory from cancelled jobs (bench-redeploy: 1681 MB after 8 deploys, 1474 MB with 2).
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Process process = builder.start();
        Files.writeString(pidFile(name), process.pid() + "\n");
        return process.toHandle();
    }

    private static Set<String> registeredWithSlots(FlinkRest rest) throws IOException {
        return rest.taskManagers().stream().filter(tm -> tm.slots() > 0).map(FlinkRest.TaskManager::id).collect(Collectors.toSet());
    }

    private void failIfGone(ProcessHandle process, String name, long deadline, Duration timeout) throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited during startup; see " + log(name) + " and " + logDir().resolve(name + ".out"));
        }
        if (System.nanoTime() > deadline) {
            throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log(name));
        }
    }

    /** The JVM named by {@code name}'s pid file, if it still runs this cluster's configuration (pids get reused). */
    private Optional<Member> member(String name) throws IOException {
        Path pidFile = pidFile(name);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        String confDir = confDir().toString();
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> arguments(p).contains(confDir))
                    .map(p -> new Member(name, p, log(name)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A process's command line, from /proc: {@code ProcessHandle.Info.arguments()} comes back
     * empty for command lines as long as a cluster JVM's (its classpath alone is some 8 KB).
     */
    private static List<String> arguments(ProcessHandle process) {
        try {
            String cmdline = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"), StandardCharsets.UTF_8);
            return Arrays.asList(cmdline.split("\u0000"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private void forgetDead() throws IOException {
        for (String name : pidFileNames()) {
            if (member(name).isEmpty()) {
                Files.deleteIfExists(pidFile(name));
            }
        }
    }

    private int nextTaskManagerNumber() throws IOException {
        return pidFileNames().stream().filter(n -> n.startsWith(TASKMANAGER)).mapToInt(LocalCluster::number).max().orElse(0) + 1;
    }

    private List<String> pidFileNames() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(workDir)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(workDir, "*.pid")) {
            files.forEach(f -> names.add(f.getFileName().toString().replaceFirst("\\.pid$", "")));
        }
        return names;
    }

    private static int number(String taskManager) {
        return Integer.parseInt(taskManager.substring(TASKMANAGER.length()));
    }

    private Path confDir() {
        return workDir.resolve("conf");
    }

    private Path logDir() {
        return workDir.resolve("log");
    }

    private Path log(String name) {
        return logDir().resolve(name + ".log");
    }

    private Path pidFile(String name) {
        return workDir.resolve(name + ".pid");
    }
}
