package dev.slipway.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on the loopback interface: a free one to listen on, or a check that a fixed one is free. */
final class LocalPorts {

    private LocalPorts() {
    }

    /**
     * A port that was free on 127.0.0.1 a moment ago. Another process may take it before the
     * caller binds it; callers that choose ports this way retry on a bind failure.
     */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not find a free port on the loopback interface", e);
        }
    }

    /** Whether nothing listens on {@code port} of 127.0.0.1 right now. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireValid(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("A port is 0 (any free port) or 1-65535, not " + port);
        }
    }
}
