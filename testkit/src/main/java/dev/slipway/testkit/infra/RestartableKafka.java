package dev.slipway.testkit.infra;

import dev.slipway.embedded.KafkaServer;
import java.nio.file.Path;

/**
 * A Kafka broker that one test owns and can stop and start again: the same client and controller
 * ports, the same log directory (so every record and committed offset survives), the same
 * cluster. Clients keep their {@link #bootstrapServers()} across restarts, as they keep a
 * production broker's address.
 *
 * <p>Unlike {@link TestInfrastructure}'s shared broker, this one costs a start of its own (about
 * 3 s); use it only where the test stops the broker.
 */
public final class RestartableKafka extends RestartableServer<KafkaServer> {

    private final int port;

    private RestartableKafka(Path directory, int port, int controllerPort) {
        super(directory, () -> KafkaServer.builder().logDirectory(directory).port(port).controllerPort(controllerPort)
                .start());
        this.port = port;
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

    @Override
    String address() {
        return bootstrapServers();
    }
}
