package io.intentflow.kafka;

import java.nio.file.Path;

/**
 * Where and how a local broker runs.
 *
 * @param dataDir holds the broker's configuration, logs and data; formatted on first use
 * @param port the client listener on 127.0.0.1
 * @param controllerPort the KRaft controller listener on 127.0.0.1
 * @param heapMb the broker JVM's heap
 */
public record BrokerSettings(Path dataDir, int port, int controllerPort, int heapMb) {

    public static BrokerSettings defaults(Path dataDir, int port) {
        return new BrokerSettings(dataDir, port, port + 1, 1024);
    }
}
