package io.intentflow.tools.broker;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code start|stop|status [--dir DIR] [--port P] [--controller-port P] [--secured-port P]}: a
 * local broker that outlives this command, found again through {@code DIR/broker.pid}. DIR
 * defaults to {@code .intentflow/kafka}, the ports to 9092 and the client port + 1. With
 * {@code --secured-port}, {@code start} adds a SASL_SSL listener with ACLs for the principal
 * {@value #PRINCIPAL} on the job's default topics, group and transactional ids, and prints the
 * job's {@code --kafka.*} flags for it after its line. Each command prints one line otherwise;
 * exit codes: 0 done, 1 failed, 2 bad usage, 3 not running (status).
 */
public final class KafkaBrokerCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_RUNNING = 3;

    /** The job's principal on a secured broker, and the prefix of its groups and transactional ids (the job's defaults). */
    static final String PRINCIPAL = "intentflow";

    /** The job's default topics (JobOptions' topics.*), which this launcher cannot load without Flink. */
    static final List<String> JOB_TOPICS =
            List.of("clicks", "purchases", "session-updates", "dead-letters", "intent-scores", "model-drift", "model-updates", "intent-explanations");

    private static final String USAGE_LINE = "usage: start|stop|status [--dir DIR] [--port P] [--controller-port P] [--secured-port P]";
    private static final Set<String> COMMANDS = Set.of("start", "stop", "status");

    private KafkaBrokerCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        BrokerSettings settings;
        try {
            if (args.length == 0 || !COMMANDS.contains(args[0])) {
                throw new IllegalArgumentException(args.length == 0 ? "no command" : "unknown command '" + args[0] + "'");
            }
            settings = settings(args);
        } catch (IllegalArgumentException e) {
            err.println("kafka: " + e.getMessage() + "; " + USAGE_LINE);
            return USAGE;
        }
        try {
            return switch (args[0]) {
                case "start" -> start(settings, out);
                case "stop" -> stop(settings, out);
                default -> status(settings, out);
            };
        } catch (IOException | IllegalStateException e) {
            err.println("kafka: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("kafka: interrupted");
            return FAILED;
        }
    }

    private static int start(BrokerSettings settings, PrintStream out) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = running(settings);
        if (running.isPresent()) {
            // It may still be starting, from another start command: wait for it as for our own.
            BrokerProcess.awaitReady(settings, running.get());
            out.printf("kafka: already running on %s (pid %d, data %s)%n",
                    BrokerProcess.bootstrapServers(settings), running.get().pid(), BrokerProcess.dir(settings));
            printJobFlags(settings, out);
            return OK;
        }
        // Not closed: the broker is meant to outlive this command.
        KafkaBroker broker = KafkaBroker.start(settings);
        out.printf("kafka: started on %s (pid %d, data %s)%n",
                BrokerProcess.bootstrapServers(settings), broker.pid(), BrokerProcess.dir(settings));
        printJobFlags(settings, out);
        return OK;
    }

    /** On a secured broker: how the job connects as {@value #PRINCIPAL}, its password left in its file. */
    private static void printJobFlags(BrokerSettings settings, PrintStream out) {
        if (settings.security() == null) {
            return;
        }
        String secured = BrokerProcess.securedBootstrapServers(settings);
        out.printf("kafka: SASL_SSL (%s) with ACLs on %s; the job's flags for principal %s:%n", BrokerSecurity.MECHANISM, secured, PRINCIPAL);
        out.printf("  --kafka.bootstrap.servers %s%n", secured);
        BrokerAccess.clientProperties(BrokerProcess.dir(settings), PRINCIPAL)
                .forEach((key, value) -> out.printf("  --kafka.properties.%s '%s'%n", key, value));
    }

    private static int stop(BrokerSettings settings, PrintStream out) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = running(settings);
        if (running.isEmpty()) {
            Files.deleteIfExists(BrokerProcess.pidFile(settings));
            out.println("kafka: not running");
            return OK;
        }
        long pid = running.get().pid();
        if (!BrokerProcess.stop(running.get())) {
            throw new IOException("the broker (pid " + pid + ") is still there after SIGKILL");
        }
        BrokerProcess.forget(settings, pid);
        out.printf("kafka: stopped (pid %d)%n", pid);
        return OK;
    }

    private static int status(BrokerSettings settings, PrintStream out) throws IOException {
        Optional<ProcessHandle> running = running(settings);
        if (running.isEmpty()) {
            out.println("kafka: not running");
            return NOT_RUNNING;
        }
        if (!BrokerProcess.serves(settings)) {
            out.printf("kafka: pid %d is running but does not answer on %s%n",
                    running.get().pid(), BrokerProcess.bootstrapServers(settings));
            return FAILED;
        }
        out.printf("kafka: running on %s (pid %d, data %s)%n",
                BrokerProcess.bootstrapServers(settings), running.get().pid(), BrokerProcess.dir(settings));
        return OK;
    }

    /** The broker named by the pid file, if it still runs from this folder. */
    private static Optional<ProcessHandle> running(BrokerSettings settings) throws IOException {
        Path pidFile = BrokerProcess.pidFile(settings);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(process -> BrokerProcess.runsFrom(process, settings));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static BrokerSettings settings(String[] args) {
        Path dir = Path.of(".intentflow", "kafka");
        int port = BrokerSettings.DEFAULT_PORT;
        Integer controllerPort = null;
        Integer securedPort = null;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--port" -> port = port(args[i], args[i + 1]);
                case "--controller-port" -> controllerPort = port(args[i], args[i + 1]);
                case "--secured-port" -> securedPort = port(args[i], args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag '" + args[i] + "'");
            }
        }
        BrokerSecurity security = securedPort == null
                ? null
                : new BrokerSecurity(securedPort, List.of(new BrokerSecurity.Principal(PRINCIPAL, JOB_TOPICS, PRINCIPAL, PRINCIPAL)));
        return new BrokerSettings(
                dir, port, controllerPort == null ? port + 1 : controllerPort, BrokerSettings.DEFAULT_HEAP_MB, security);
    }

    private static int port(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " takes a port number, got '" + value + "'");
        }
    }
}
