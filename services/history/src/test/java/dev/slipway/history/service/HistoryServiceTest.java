package dev.slipway.history.service;

import dev.slipway.history.HistoryApplication;
import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventSender;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The history service, whole, on a random port, against the shared real PostgreSQL (schema
 * {@code history}) and Kafka broker. Every service test class extends this one so that they all
 * share one Spring context. Tests share the database, so each works in repositories and builds
 * of its own. Followed logs wait 2 s after a build's end for late chunks: ample on a loaded machine,
 * where the log consumer may lag the build-event consumer.
 */
@SpringBootTest(classes = HistoryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + HistoryApplication.NAME, "slipway.history.logs.settle=2s"})
abstract class HistoryServiceTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, HistoryApplication.NAME);
    }

    @LocalServerPort
    int port;

    HistoryApi api;
    EventSender events;

    @BeforeEach
    void connect() {
        api = new HistoryApi(port);
        events = EventSender.open(TestInfrastructure.kafka().bootstrapServers());
    }

    /**
     * Publishes {@code event} with a fresh envelope that says it occurred at {@code occurredAt}, since
     * the history shows when things happened, not when the test published them; returns the envelope.
     */
    static Envelope publishAt(EventSender events, SlipwayEvent event, Instant occurredAt) {
        Envelope envelope = Envelope.of(event, "test-" + event.key(), null, occurredAt);
        events.publish(event, envelope);
        return envelope;
    }

    @AfterEach
    void disconnect() {
        events.close();
    }
}
