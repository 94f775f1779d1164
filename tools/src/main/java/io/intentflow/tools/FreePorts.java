package io.intentflow.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for servers the tools start on loopback where the usual ones may be taken (9092, 8081). */
public final class FreePorts {

    private FreePorts() {}

    /** A port free on loopback now, for a server started next; another process may take it first. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
