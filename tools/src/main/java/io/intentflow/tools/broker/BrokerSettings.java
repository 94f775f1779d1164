package io.intentflow.tools.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where and how a local broker runs.
 *
 * @param dataDir holds the broker's configuration, logs and data; formatted on first use
 * @param port the client listener on 127.0.0.1
 * @param controllerPort the KRaft controller listener on 127.0.0.1
 * @param heapMb the broker JVM's maximum heap
 * @param security a SASL_SSL listener with ACLs beside the PLAINTEXT one, or null for none
 */
public record BrokerSettings(Path dataDir, int port, int controllerPort, int heapMb, BrokerSecurity security) {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_HEAP_MB = 1024;

    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        requirePort("port", port);
        requirePort("controllerPort", controllerPort);
        if (port == controllerPort) {
            throw new IllegalArgumentException("the client and controller ports must differ, both are " + port);
        }
        if (security != null && (security.port() == port || security.port() == controllerPort)) {
            throw new IllegalArgumentException("the secured port must differ from the client and controller ports, got " + security.port());
        }
        if (heapMb < 128) {
            throw new IllegalArgumentException("heapMb must be at least 128, got " + heapMb);
        }
    }

    /** A broker with its PLAINTEXT listener only. */
    public BrokerSettings(Path dataDir, int port, int controllerPort, int heapMb) {
        this(dataDir, port, controllerPort, heapMb, null);
    }

    /** The same broker with a secured listener beside its PLAINTEXT one. */
    public BrokerSettings secured(BrokerSecurity security) {
        return new BrokerSettings(dataDir, port, controllerPort, heapMb, security);
    }

    /** Kafka's usual ports, 9092 and 9093, and a 1 GiB heap. */
    public static BrokerSettings defaults(Path dataDir) {
        return new BrokerSettings(dataDir, DEFAULT_PORT, DEFAULT_CONTROLLER_PORT, DEFAULT_HEAP_MB);
    }

    /** The client listener on {@code port}, the controller on the next port, a 1 GiB heap. */
    public static BrokerSettings defaults(Path dataDir, int port) {
        return new BrokerSettings(dataDir, port, port + 1, DEFAULT_HEAP_MB);
    }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be in 1..65535, got " + port);
        }
    }
}
