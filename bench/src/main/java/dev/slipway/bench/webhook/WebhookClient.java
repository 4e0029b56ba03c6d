package dev.slipway.bench.webhook;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * How the generator posts: one {@link Connection} per worker, kept alive between requests. Two
 * kinds, so that the generator's own cost can be measured: {@code raw}, a minimal HTTP/1.1 client
 * on a blocking socket (the default), and {@code jdk}, {@link HttpClient} forced to HTTP/1.1.
 */
sealed interface WebhookClient permits WebhookClient.Raw, WebhookClient.Jdk {

    /** A new connection to the target; it connects on first use and again after the server closed it. */
    Connection connect();

    /** One worker's keep-alive connection. Not thread-safe. */
    interface Connection extends Closeable {

        /** Posts one delivery, reads the whole answer and returns its status code. */
        int post(String deliveryId, PushDeliveries.Push push) throws IOException;

        @Override
        void close();
    }

    static WebhookClient of(String kind, URI target) {
        return switch (kind) {
            case "raw" -> new Raw(target);
            case "jdk" -> new Jdk(target, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build());
            default -> throw new IllegalArgumentException("--client is raw or jdk, was " + kind);
        };
    }

    /** Headers GitHub sends with every push that the servers do not check. */
    String FIXED_HEADERS = "User-Agent: GitHub-Hookshot/5a1b7c2\r\n"
            + "Accept: */*\r\n"
            + "Content-Type: application/json\r\n"
            + "X-GitHub-Event: push\r\n"
            + "X-GitHub-Hook-ID: 482910377\r\n"
            + "X-GitHub-Hook-Installation-Target-Type: repository\r\n"
            + "X-GitHub-Hook-Installation-Target-ID: 702391847\r\n";

    record Raw(URI target) implements WebhookClient {
        @Override
        public Connection connect() {
            return new RawConnection(target);
        }
    }

    record Jdk(URI target, HttpClient client) implements WebhookClient {
        @Override
        public Connection connect() {
            return new Connection() {
                @Override
                public int post(String deliveryId, PushDeliveries.Push push) throws IOException {
                    HttpRequest request = HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(30))
                            .header("User-Agent", "GitHub-Hookshot/5a1b7c2")
                            .header("Content-Type", "application/json")
                            .header("X-GitHub-Event", "push")
                            .header("X-GitHub-Hook-ID", "482910377")
                            .header("X-GitHub-Hook-Installation-Target-Type", "repository")
                            .header("X-GitHub-Hook-Installation-Target-ID", "702391847")
                            .header("X-GitHub-Delivery", deliveryId)
                            .header("X-Hub-Signature-256", push.signature())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(push.body()))
                            .build();
                    try {
                        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }

                @Override
                public void close() {
                    // The client's pool owns the connections.
                }
            };
        }
    }

    /**
     * HTTP/1.1 over one blocking socket: writes the request in one go, reads the status line, the
     * headers and a body framed by {@code Content-Length} or chunked, and keeps the connection
     * unless the server said {@code Connection: close}.
     */
    final class RawConnection implements Connection {
        private final InetSocketAddress address;
        private final String requestLine;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        RawConnection(URI target) {
            this.address = new InetSocketAddress(target.getHost(), target.getPort());
            this.requestLine = "POST " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":"
                    + target.getPort() + "\r\n" + FIXED_HEADERS;
        }

        @Override
        public int post(String deliveryId, PushDeliveries.Push push) throws IOException {
            if (socket == null) {
                open();
            }
            try {
                String head = requestLine + "X-GitHub-Delivery: " + deliveryId + "\r\nX-Hub-Signature-256: "
                        + push.signature() + "\r\nContent-Length: " + push.body().length + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(push.body());
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        private void open() throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            socket.connect(address, 5_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            in = socket.getInputStream();
            position = 0;
            limit = 0;
        }

        private int readResponse() throws IOException {
            String statusLine = readLine();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
                throw new IOException("not an HTTP/1.x status line: " + statusLine);
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean closes = false;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    closes = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    readLine();
                }
                for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                    // Trailers are read and dropped.
                }
            } else if (length >= 0) {
                skip(length);
            } else if (status >= 200 && status != 204 && status != 304) {
                closes = true; // The body runs to the end of the connection.
                while (fill()) {
                    position = limit;
                }
            }
            if (closes) {
                close();
            }
            return status;
        }

        private long chunkSize() throws IOException {
            String line = readLine();
            int extension = line.indexOf(';');
            return Long.parseLong((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                if (position == limit && !fill()) {
                    throw new EOFException("the server closed the connection mid-answer");
                }
                char c = (char) (buffer[position++] & 0xFF);
                if (c == '\n') {
                    int end = line.length();
                    if (end > 0 && line.charAt(end - 1) == '\r') {
                        line.setLength(end - 1);
                    }
                    return line.toString();
                }
                line.append(c);
            }
        }

        private void skip(long bytes) throws IOException {
            long left = bytes;
            while (left > 0) {
                if (position == limit && !fill()) {
                    throw new EOFException("the server closed the connection mid-body");
                }
                int n = (int) Math.min(left, limit - position);
                position += n;
                left -= n;
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        @Override
        public void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing is best effort; the next post opens a new socket.
                }
                socket = null;
            }
        }
    }
}
