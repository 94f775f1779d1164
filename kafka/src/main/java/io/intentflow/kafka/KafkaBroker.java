package io.intentflow.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in a JVM of its own,
 * on loopback. Its classpath was resolved from Maven at build time and ships inside this jar,
 * so the broker's Kafka never meets the Kafka client of whoever starts it.
 */
public final class KafkaBroker implements AutoCloseable {

    /** The line the broker logs once it serves clients. */
    static final String READY_LINE = "Kafka Server started";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Process process;
    private final BrokerSettings settings;

    private KafkaBroker(Process process, BrokerSettings settings) {
        this.process = process;
        this.settings = settings;
    }

    /**
     * Starts a broker and waits until it serves clients. The broker runs in a session of its
     * own (setsid), so a Ctrl-C meant for its starter does not kill it before the starter is
     * done with it, and it may outlive its starter: {@code broker.pid} in the data folder finds
     * it again.
     */
    public static KafkaBroker start(BrokerSettings settings) throws IOException, InterruptedException {
        ProcessBuilder launcher = launcher(settings);
        if (Files.isExecutable(SETSID)) {
            List<String> command = new ArrayList<>(List.of(SETSID.toString()));
            command.addAll(launcher.command());
            launcher.command(command);
        }
        KafkaBroker broker = new KafkaBroker(launcher.start(), settings);
        Files.writeString(pidFile(settings), Long.toString(broker.pid()));
        try {
            awaitReady(settings.dataDir(), broker.process.toHandle());
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    static Path pidFile(BrokerSettings settings) {
        return settings.dataDir().toAbsolutePath().resolve("broker.pid");
    }

    /**
     * Writes the configuration, formats the storage on first use, and returns the command that
     * runs the broker with its output in {@code broker.out}.
     */
    private static ProcessBuilder launcher(BrokerSettings settings) throws IOException, InterruptedException {
        Path dir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dir);
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, serverProperties(settings, dir));
        Files.writeString(dir.resolve("log4j2.properties"), LOG4J);
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            format(settings, properties);
        }
        Files.deleteIfExists(dir.resolve("broker.out"));
        return java(settings, "kafka.Kafka", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.out").toFile());
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + settings.port();
    }

    public long pid() {
        return process.pid();
    }

    /** Whether something accepts connections on {@code host:port}. */
    public static boolean isReachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker: a clean shutdown first, then a kill if it takes too long. */
    @Override
    public void close() throws InterruptedException, IOException {
        stop(process.toHandle());
        Files.deleteIfExists(pidFile(settings));
    }

    static void stop(ProcessHandle handle) throws InterruptedException {
        handle.destroy();
        try {
            handle.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            handle.destroyForcibly();
        }
    }

    /**
     * Ready means the broker logged that it started: an open port alone is not enough, the
     * listener binds before the controller quorum has elected and the broker has registered.
     */
    private static void awaitReady(Path dataDir, ProcessHandle handle) throws IOException, InterruptedException {
        Path out = dataDir.toAbsolutePath().resolve("broker.out");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).contains(READY_LINE)) {
                return;
            }
            if (!handle.isAlive()) {
                throw new IOException("the Kafka broker exited during startup:\n" + tail(out));
            }
            Thread.sleep(200);
        }
        throw new IOException("the Kafka broker did not start within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(out));
    }

    private static void format(BrokerSettings settings, Path properties) throws IOException, InterruptedException {
        // KRaft wants a base64 UUID; StorageTool random-uuid would cost another JVM start.
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(uuidBytes(UUID.randomUUID()));
        Path out = settings.dataDir().toAbsolutePath().resolve("format.out");
        Process format =
                java(settings, "kafka.tools.StorageTool", "format", "-t", clusterId, "-c", properties.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
        if (!format.waitFor(60, TimeUnit.SECONDS)) {
            format.destroyForcibly();
            throw new IOException("formatting the broker's storage did not finish within 60 s");
        }
        if (format.exitValue() != 0) {
            throw new IOException("formatting the broker's storage failed:\n" + tail(out));
        }
    }

    private static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    private static ProcessBuilder java(BrokerSettings settings, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.heapMb() + "m");
        command.add("-Dlog4j2.configurationFile=" + settings.dataDir().toAbsolutePath().resolve("log4j2.properties"));
        command.add("-cp");
        command.add(classpath());
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String classpath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("broker.classpath is missing: build the kafka module with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String serverProperties(BrokerSettings s, Path dir) {
        return String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + s.controllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + s.port() + ",CONTROLLER://127.0.0.1:" + s.controllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + s.port(),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("logs"),
                "num.partitions=4",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "transaction.max.timeout.ms=900000",
                "message.max.bytes=2097152",
                "")
                + "\n";
    }

    /** The broker logs warnings to broker.out, plus the one line that says it is ready. */
    private static final String LOG4J =
            String.join(
                    "\n",
                    "rootLogger.level = WARN",
                    "rootLogger.appenderRef.out.ref = out",
                    "appender.out.type = Console",
                    "appender.out.name = out",
                    "appender.out.layout.type = PatternLayout",
                    "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                    "logger.ready.name = kafka.server.KafkaRaftServer",
                    "logger.ready.level = INFO",
                    "");

    private static String tail(Path file) {
        try {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
