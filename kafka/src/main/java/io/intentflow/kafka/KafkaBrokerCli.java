package io.intentflow.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code start|stop|status [--dir DIR] [--port P] [--controller-port P]}: a broker that outlives
 * this command, found again through {@code DIR/broker.pid}.
 */
public final class KafkaBrokerCli {

    private KafkaBrokerCli() {}

    public static void main(String[] args) throws Exception {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("kafka: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: start|stop|status [--dir DIR] [--port P] [--controller-port P]");
        }
        Path dir = Path.of(".intentflow", "kafka");
        int port = 9092;
        Integer controllerPort = null;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + args[i]);
            }
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--port" -> port = port(args[i], args[i + 1]);
                case "--controller-port" -> controllerPort = port(args[i], args[i + 1]);
                default -> throw new IllegalArgumentException("unknown flag " + args[i]);
            }
        }
        BrokerSettings settings =
                new BrokerSettings(dir, port, controllerPort == null ? port + 1 : controllerPort, 1024);
        return switch (args[0]) {
            case "start" -> start(settings);
            case "stop" -> stop(settings);
            case "status" -> status(settings);
            default -> throw new IllegalArgumentException("unknown command " + args[0] + " (start, stop or status)");
        };
    }

    private static int start(BrokerSettings settings) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = running(settings);
        if (running.isPresent()) {
            System.out.printf("kafka: already running on 127.0.0.1:%d (pid %d)%n", settings.port(), running.get().pid());
            return 0;
        }
        if (KafkaBroker.isReachable("127.0.0.1", settings.port())) {
            throw new IOException("port " + settings.port() + " is taken by another process");
        }
        // Not closed: the broker is meant to outlive this command.
        KafkaBroker broker = KafkaBroker.start(settings);
        System.out.printf(
                "kafka: started on 127.0.0.1:%d (pid %d, data %s)%n",
                settings.port(), broker.pid(), settings.dataDir().toAbsolutePath());
        return 0;
    }

    private static int stop(BrokerSettings settings) throws IOException, InterruptedException {
        Optional<ProcessHandle> running = running(settings);
        if (running.isEmpty()) {
            System.out.println("kafka: not running");
            return 0;
        }
        KafkaBroker.stop(running.get());
        Files.deleteIfExists(KafkaBroker.pidFile(settings));
        System.out.printf("kafka: stopped (pid %d)%n", running.get().pid());
        return 0;
    }

    private static int status(BrokerSettings settings) throws IOException {
        Optional<ProcessHandle> running = running(settings);
        if (running.isPresent()) {
            System.out.printf("kafka: running on 127.0.0.1:%d (pid %d)%n", settings.port(), running.get().pid());
            return 0;
        }
        System.out.println("kafka: not running");
        return 3;
    }

    /** The broker of the pid file, if that process is still alive (a stale file is ignored). */
    private static Optional<ProcessHandle> running(BrokerSettings settings) throws IOException {
        Path pidFile = KafkaBroker.pidFile(settings);
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim())).filter(ProcessHandle::isAlive);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port > 0 && port < 65536) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " must be a port number, got '" + value + "'");
    }
}
