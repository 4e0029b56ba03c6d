package dev.slipway.testkit.infra;

import dev.slipway.embedded.KafkaServer;
import java.nio.file.Path;

/**
 * A Kafka broker that one test owns and can stop and start again, as an outage and its end: the
 * same client and controller ports, the same log directory (so every record and committed offset
 * survives), the same cluster. Clients keep their {@link #bootstrapServers()} across restarts,
 * as they keep a production broker's address. The log lives in a temporary directory that
 * {@link #close()} deletes.
 *
 * <p>Unlike {@link TestInfrastructure}'s shared broker, this one costs a start of its own (about
 * 3 s); use it only where the test stops the broker. Not for use by several threads at once.
 */
public final class RestartableKafka implements AutoCloseable {

    private final Path directory;
    private final int port;
    private final int controllerPort;
    private KafkaServer server;

    private RestartableKafka(Path directory, int port, int controllerPort) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts a new broker on free ports and a new temporary log directory. */
    public static RestartableKafka start() {
        int port = OwnedResources.freePort();
        int controllerPort = OwnedResources.freePort();
        while (controllerPort == port) {
            controllerPort = OwnedResources.freePort();
        }
        RestartableKafka kafka = new RestartableKafka(OwnedResources.create("slipway-test-kafka-"), port,
                controllerPort);
        kafka.startAgain();
        return kafka;
    }

    /** {@code 127.0.0.1:<port>}, the same before and after a restart. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Whether the broker runs now. */
    public boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down cleanly and waits until it is down; its port then refuses connections. */
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the broker again on the same ports and log, and returns once it serves clients. */
    public void startAgain() {
        if (server == null) {
            server = OwnedResources.retryWhileBusy(() -> KafkaServer.builder()
                    .logDirectory(directory)
                    .port(port)
                    .controllerPort(controllerPort)
                    .start());
        }
    }

    /** Stops the broker and deletes its log. */
    @Override
    public void close() {
        stop();
        OwnedResources.deleteQuietly(directory);
    }

    @Override
    public String toString() {
        return "RestartableKafka[" + bootstrapServers() + ", " + (isRunning() ? "running" : "stopped") + "]";
    }
}
