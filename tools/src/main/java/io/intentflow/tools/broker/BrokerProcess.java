package io.intentflow.tools.broker;

import io.intentflow.tools.ChildProcesses;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The broker JVM seen from outside: its files in the data folder, its command line, when it is
 * ready, and how it stops. Shared by {@link KafkaBroker}, which starts and stops its broker, and
 * {@link KafkaBrokerCli}, which finds one again through its pid file.
 */
final class BrokerProcess {

    static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final long POLL_MILLIS = 200;
    private static final int TAIL_LINES = 20;
    private static final String MAIN_CLASS = "kafka.Kafka";

    private BrokerProcess() {}

    /**
     * Checks that the ports are free, writes the configuration, formats the storage on first
     * use, and returns the command that runs the broker with its stdout and stderr in
     * {@code broker.out}, in a session of its own: a Ctrl-C meant for whatever started it then
     * does not kill it before its starter is done with it, or at all when it is meant to outlive
     * its starter.
     */
    static ProcessBuilder prepare(BrokerSettings settings) throws IOException, InterruptedException {
        // Otherwise readiness could be answered by whoever holds the port, while ours fails to bind.
        for (int port : ports(settings)) {
            if (KafkaBroker.isReachable(HOST, port)) {
                throw new IOException("port " + port + " on " + HOST + " is already in use");
            }
        }
        Path dir = dir(settings);
        Files.createDirectories(dir);
        String keystorePassword = null;
        if (settings.security() != null) {
            keystorePassword = BrokerTls.ensure(dir);
            BrokerAccess.ensureCredentials(dir, settings.security());
        }
        Files.writeString(serverProperties(dir), BrokerConfig.serverProperties(settings, dir, keystorePassword));
        Files.writeString(dir.resolve("log4j2.properties"), BrokerConfig.log4j(dir.resolve("broker.log")));
        // Fresh logs each start, so that an error shows this run's last lines.
        Files.deleteIfExists(dir.resolve("broker.log"));
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            format(settings);
        }
        ProcessBuilder broker = java(settings, classpath(), MAIN_CLASS, serverProperties(dir).toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.out").toFile());
        ChildProcesses.inOwnSession(broker.command());
        return broker;
    }

    /** Where the pid of the broker of this data folder is kept, for whoever stops it later. */
    static Path pidFile(BrokerSettings settings) {
        return dir(settings).resolve("broker.pid");
    }

    /** Removes the pid file if it still names {@code pid}: a newer broker of the same folder keeps its own. */
    static void forget(BrokerSettings settings, long pid) throws IOException {
        Path pidFile = pidFile(settings);
        if (Files.isRegularFile(pidFile) && Files.readString(pidFile).trim().equals(Long.toString(pid))) {
            Files.delete(pidFile);
        }
    }

    /**
     * Waits until the broker answers an ApiVersions request on its client port. Asking the
     * broker itself is sturdier than watching its log for a "started" line, which depends on log
     * wording and levels; and unlike a TCP connect, an answer proves that a Kafka broker serves
     * there, rather than trusting that a listener only opens once the broker is ready.
     */
    static void awaitReady(BrokerSettings settings, ProcessHandle broker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!serves(settings)) {
            if (!broker.isAlive()) {
                throw new IOException("the Kafka broker exited during startup" + lastWords(settings));
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(String.format(
                        "the Kafka broker did not answer on %s:%d within %d s%s",
                        HOST, settings.port(), START_TIMEOUT.toSeconds(), lastWords(settings)));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Whether a Kafka broker answers on the settings' client port (see {@link #awaitReady}). */
    static boolean serves(BrokerSettings settings) {
        return ApiVersionsProbe.answers(HOST, settings.port(), PROBE_TIMEOUT);
    }

    static String bootstrapServers(BrokerSettings settings) {
        return HOST + ":" + settings.port();
    }

    /** Asks the broker to shut down cleanly, kills it after {@link #STOP_TIMEOUT}; true once it is gone. */
    static boolean stop(ProcessHandle broker) throws InterruptedException {
        broker.destroy();
        return ChildProcesses.awaitOrKill(broker, STOP_TIMEOUT, KILL_TIMEOUT);
    }

    /** Whether {@code process} is the broker of this data folder (a pid file can outlive its process, and pids get reused). */
    static boolean runsFrom(ProcessHandle process, BrokerSettings settings) {
        String properties = serverProperties(dir(settings)).toString();
        return process.isAlive()
                && process.info().arguments()
                        .map(Arrays::asList)
                        .filter(args -> args.contains(MAIN_CLASS) && args.contains(properties))
                        .isPresent();
    }

    static Path dir(BrokerSettings settings) {
        return settings.dataDir().toAbsolutePath().normalize();
    }

    private static Path serverProperties(Path dir) {
        return dir.resolve("server.properties");
    }

    private static void format(BrokerSettings settings) throws IOException, InterruptedException {
        Path dir = dir(settings);
        Path out = dir.resolve("format.out");
        Process format = java(settings, classpath(), "kafka.tools.StorageTool",
                        "format", "-t", clusterId(), "-c", serverProperties(dir).toString())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new IOException("formatting the broker's storage did not finish within "
                    + FORMAT_TIMEOUT.toSeconds() + " s" + tail(out));
        }
        if (format.exitValue() != 0) {
            throw new IOException("formatting the broker's storage failed" + tail(out));
        }
    }

    /**
     * What {@code StorageTool random-uuid} prints, without a JVM start: 16 random bytes in URL-safe
     * base64. Like Kafka's own, never one that starts with '-', which the format command would
     * take for an option.
     */
    private static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            byte[] bytes = ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits())
                    .array();
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /**
     * The JVM that creates a secured broker's credentials and ACLs: {@link BrokerAccessSetup} from
     * this launcher's own classes, on the broker's Kafka client.
     */
    static ProcessBuilder accessSetup(BrokerSettings settings) {
        String ours;
        try {
            ours = Path.of(BrokerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher's classes", e);
        }
        return java(settings, classpath() + File.pathSeparator + ours, BrokerAccess.SETUP_MAIN_CLASS,
                bootstrapServers(settings), dir(settings).resolve("secrets").toString());
    }

    /** The secured listener's address, as clients name it. */
    static String securedBootstrapServers(BrokerSettings settings) {
        return HOST + ":" + settings.security().port();
    }

    private static int[] ports(BrokerSettings settings) {
        return settings.security() == null
                ? new int[] {settings.port(), settings.controllerPort()}
                : new int[] {settings.port(), settings.controllerPort(), settings.security().port()};
    }

    private static ProcessBuilder java(BrokerSettings settings, String classpath, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + settings.heapMb() + "m",
                "-Dlog4j2.configurationFile=" + dir(settings).resolve("log4j2.properties"),
                "-cp",
                classpath,
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The broker's jars, resolved by Maven when the broker module was built. */
    private static String classpath() {
        String classpath;
        try (InputStream in = BrokerProcess.class.getResourceAsStream("/io/intentflow/broker/broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("broker.classpath is missing: build the broker module with Maven");
            }
            classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // A cleaned Maven repository would otherwise surface as a bare ClassNotFoundException in broker.out.
        for (String jar : classpath.split(File.pathSeparator)) {
            if (!Files.exists(Path.of(jar))) {
                throw new IllegalStateException("the broker's jar " + jar + " is missing: rebuild the broker module with Maven");
            }
        }
        return classpath;
    }

    /** The last lines the broker wrote, for an error message; empty when it wrote none. */
    static String lastWords(BrokerSettings settings) {
        Path dir = dir(settings);
        return tail(dir.resolve("broker.log")) + tail(dir.resolve("broker.out"));
    }

    private static String tail(Path file) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) {
                return "";
            }
            // Lenient decoding: a log cut mid-character must not hide the rest.
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "\n--- last lines of " + file + " ---\n" + String.join("\n", last);
        } catch (IOException e) {
            return "\n(" + file + " unreadable: " + e.getMessage() + ")";
        }
    }
}
