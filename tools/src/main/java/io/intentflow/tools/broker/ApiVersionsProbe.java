package io.intentflow.tools.broker;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Asks whatever listens on a port for its Kafka API versions, by hand: the broker launcher runs
 * on the JDK alone ({@code bin/intentflow kafka}). ApiVersions is the request every Kafka client
 * sends first, so every broker version answers it, and version 0 has an empty body.
 */
final class ApiVersionsProbe {

    private static final short API_VERSIONS = 18;
    private static final byte[] CLIENT_ID = "intentflow-probe".getBytes(StandardCharsets.US_ASCII);

    private ApiVersionsProbe() {}

    /**
     * Whether a Kafka broker on {@code host:port} answers within {@code timeout}. Any answer
     * that echoes the request's correlation id counts, whatever its error code: even an
     * "unsupported version" reply means the broker processes requests.
     */
    static boolean answers(String host, int port, Duration timeout) {
        int timeoutMillis = (int) Math.max(1, timeout.toMillis());
        int correlationId = ThreadLocalRandom.current().nextInt();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            // Request header v1 (api key, api version, correlation id, client id); v0 body is empty.
            out.writeInt(2 + 2 + 4 + 2 + CLIENT_ID.length);
            out.writeShort(API_VERSIONS);
            out.writeShort(0);
            out.writeInt(correlationId);
            out.writeShort(CLIENT_ID.length);
            out.write(CLIENT_ID);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            return size >= 4 && in.readInt() == correlationId;
        } catch (IOException e) {
            return false;
        }
    }
}
