package io.intentflow.tools.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) in a JVM of its own,
 * on loopback. Its classpath was resolved from Maven when the {@code broker} module was built,
 * so the broker's Kafka never meets the Kafka client of whoever starts it. The broker runs in a
 * session of its own, so a Ctrl-C meant for its starter does not kill it before {@link #close()}
 * does; it may also outlive its starter, and {@code broker.pid} finds it again. In the data
 * folder: {@code server.properties}, {@code broker.log} (the broker's log), {@code broker.out}
 * (its stdout and stderr), {@code broker.pid} and {@code logs/} (the data).
 */
public final class KafkaBroker implements AutoCloseable {

    private final Process process;
    private final BrokerSettings settings;

    private KafkaBroker(Process process, BrokerSettings settings) {
        this.process = process;
        this.settings = settings;
    }

    /**
     * Starts a broker, formatting its storage on first use, and waits until it serves clients.
     *
     * @throws IOException if a port is taken, or the broker exits or does not answer within 60 s;
     *     the message then ends with the broker's last log lines
     */
    public static KafkaBroker start(BrokerSettings settings) throws IOException, InterruptedException {
        KafkaBroker broker = new KafkaBroker(BrokerProcess.prepare(settings).start(), settings);
        try {
            Files.writeString(BrokerProcess.pidFile(settings), broker.pid() + "\n");
            BrokerProcess.awaitReady(settings, broker.process.toHandle());
            if (settings.security() != null) {
                BrokerAccess.apply(settings, BrokerProcess.accessSetup(settings));
            }
        } catch (InterruptedException e) {
            broker.process.destroyForcibly();
            BrokerProcess.forget(settings, broker.pid());
            throw e;
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    public String bootstrapServers() {
        return BrokerProcess.bootstrapServers(settings);
    }

    /** The SASL_SSL listener; only with {@link BrokerSettings#security()}. */
    public String securedBootstrapServers() {
        return BrokerProcess.securedBootstrapServers(settings);
    }

    /**
     * The Kafka client properties (without {@code bootstrap.servers}) with which {@code principal}
     * connects to the secured listener; the password stays in its file.
     */
    public Map<String, String> clientProperties(String principal) {
        return BrokerAccess.clientProperties(BrokerProcess.dir(settings), principal);
    }

    /** The folder that holds {@code principal}'s {@code password} and {@code sasl.jaas.config}. */
    public Path secretsDir(String principal) {
        return BrokerAccess.secretsDir(BrokerProcess.dir(settings), principal);
    }

    /**
     * The broker's last log lines ({@code broker.log}, then {@code broker.out}) under a heading
     * naming each file, for the message of a failure the broker may explain; empty when it wrote
     * none.
     */
    public String lastLogLines() {
        return BrokerProcess.lastWords(settings);
    }

    public long pid() {
        return process.pid();
    }

    /** Whether something accepts TCP connections on {@code host:port} within a second. */
    public static boolean isReachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the broker, a clean shutdown (SIGTERM) then a kill after 20 s, and removes its pid
     * file. Interrupted, it kills at once.
     *
     * @throws IllegalStateException if the process is still there after the kill
     */
    @Override
    public void close() {
        try {
            if (!BrokerProcess.stop(process.toHandle())) {
                throw new IllegalStateException("the Kafka broker (pid " + pid() + ") survived SIGKILL");
            }
            BrokerProcess.forget(settings, pid());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
