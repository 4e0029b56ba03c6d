package dev.slipway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.messaging.outbox.OutboxRelay;
import dev.slipway.model.Envelope;
import dev.slipway.model.Topics;
import dev.slipway.model.build.LogChunk;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's recovery and metrics, against the shared real PostgreSQL and Kafka. The schema is
 * this class's own, so that no other test's relay publishes its rows while its relay is stopped;
 * the listener of the test application does not start, so it takes no records from other tests.
 */
@SpringBootTest(classes = MessagingTestApplication.class, properties = "spring.kafka.listener.auto-startup=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxRelayRecoveryTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "messaging_recovery");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PrometheusMeterRegistry prometheus;

    private EventSender sender;
    private EventProbe probe;

    @BeforeEach
    void openKafka() {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        sender = EventSender.open(bootstrap);
        probe = EventProbe.open(bootstrap, Topics.BUILD_LOGS);
    }

    @AfterEach
    void closeKafka() {
        if (!relay.isRunning()) {
            relay.start();
        }
        sender.close();
        probe.close();
    }

    @Test
    void aRowAlreadyOnKafkaButNotDeletedIsNotSentAgainWhenTheRelayStarts() {
        // Verifies the crash window: a row whose record reached Kafka before the relay could delete it is
        // deleted on the next start without a second send, and the row after it is published once, in order.
        UUID build = UUID.randomUUID();
        LogChunk first = new LogChunk(build, "build", 0, List.of("reached Kafka, then the process died"));
        LogChunk second = new LogChunk(build, "build", 1, List.of("never sent"));
        double recoveredBefore = meters.get("slipway.outbox.recovered").counter().count();
        stopRelayOnceIdle();

        Envelope firstEnvelope = transactions.execute(s -> outbox.append(first, "build-" + build, null));
        Envelope secondEnvelope = transactions.execute(s -> outbox.append(second, "build-" + build, null));
        // What the relay that died had done: the first record is on Kafka, with its row's envelope.
        sender.publish(first, firstEnvelope);
        assertThat(unpublished(build)).isEqualTo(2);
        relay.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(build) == 0);
        List<ReceivedEvent> records = probe.drain(Duration.ofSeconds(30)).stream()
                .filter(EventProbe.keyed(build.toString())).toList();
        assertThat(records).extracting(r -> r.envelope().eventId())
                .containsExactly(firstEnvelope.eventId(), secondEnvelope.eventId());
        assertThat(meters.get("slipway.outbox.recovered").counter().count()).isEqualTo(recoveredBefore + 1);
    }

    @Test
    void recoveryDeletesNothingThatKafkaDoesNotHold() {
        // Verifies that rows waiting when the relay starts, with no record on Kafka, are each published once.
        UUID build = UUID.randomUUID();
        stopRelayOnceIdle();
        List<Envelope> envelopes = transactions.execute(s -> List.of(
                outbox.append(new LogChunk(build, "test", 0, List.of("a")), "build-" + build, null),
                outbox.append(new LogChunk(build, "test", 1, List.of("b")), "build-" + build, null),
                outbox.append(new LogChunk(build, "test", 2, List.of("c")), "build-" + build, null)));
        double recoveredBefore = meters.get("slipway.outbox.recovered").counter().count();
        relay.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> unpublished(build) == 0);
        List<ReceivedEvent> records = probe.drain(Duration.ofSeconds(30)).stream()
                .filter(EventProbe.keyed(build.toString())).toList();
        assertThat(records).extracting(r -> r.envelope().eventId())
                .containsExactlyElementsOf(envelopes.stream().map(Envelope::eventId).toList());
        assertThat(meters.get("slipway.outbox.recovered").counter().count()).isEqualTo(recoveredBefore);
    }

    @Test
    void theLagGaugeShowsTheAgeOfTheOldestWaitingRowAndTheLatencyIsAHistogram() {
        // Verifies slipway_outbox_pending and slipway_outbox_lag_seconds while rows wait and after they are
        // published, and that slipway_outbox_latency_seconds has histogram buckets from milliseconds to minutes.
        UUID build = UUID.randomUUID();
        stopRelayOnceIdle();
        transactions.execute(s -> outbox.append(new LogChunk(build, "lag", 0, List.of("waits")), "build-" + build,
                null));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(gauge("slipway_outbox_pending")).isGreaterThanOrEqualTo(1);
            assertThat(gauge("slipway_outbox_lag_seconds")).isGreaterThan(0);
        });
        double lagWhileWaiting = gauge("slipway_outbox_lag_seconds");
        relay.start();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(gauge("slipway_outbox_pending")).isZero();
            assertThat(gauge("slipway_outbox_lag_seconds")).isZero();
        });
        String scrape = prometheus.scrape();
        assertThat(scrape)
                .contains("# TYPE slipway_outbox_latency_seconds histogram")
                .contains("slipway_outbox_latency_seconds_bucket{le=\"0.005\"}")
                .contains("slipway_outbox_latency_seconds_bucket{le=\"1.0\"}")
                .contains("slipway_outbox_latency_seconds_bucket{le=\"300.0\"}")
                .contains("slipway_outbox_latency_seconds_count");
        assertThat(meters.get("slipway.outbox.latency").timer().max(java.util.concurrent.TimeUnit.SECONDS))
                .as("the row waited while the relay was stopped, and its latency says so")
                .isGreaterThanOrEqualTo(lagWhileWaiting);
    }

    /** Stops the relay once nothing waits, so that no batch of an earlier test is in flight. */
    private void stopRelayOnceIdle() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox", Long.class) == 0);
        relay.stop();
    }

    private long unpublished(UUID build) {
        Long n = jdbc.queryForObject("select count(*) from outbox where record_key = ?",
                Long.class, build.toString());
        return n == null ? 0 : n;
    }

    private double gauge(String name) {
        return prometheus.scrape().lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the scrape"));
    }
}
