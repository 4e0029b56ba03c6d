package dev.slipway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.Envelope;
import dev.slipway.model.Topics;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.codec.EventCodec;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.EventSender;
import dev.slipway.testkit.kafka.ReceivedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = MessagingTestApplication.class)
class OutboxAndConsumerTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, "messaging_test");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MessagingTestApplication.CommandListener listener;

    private final EventCodec codec = new EventCodec();
    private EventSender sender;
    private EventProbe probe;

    @BeforeEach
    void openKafka() {
        String bootstrap = TestInfrastructure.kafka().bootstrapServers();
        sender = EventSender.open(bootstrap);
        probe = EventProbe.open(bootstrap, Topics.BUILD_LOGS, Topics.deadLetter(Topics.BUILD_COMMANDS));
    }

    @AfterEach
    void closeKafka() {
        sender.close();
        probe.close();
    }

    @Test
    void anOutboxAppendOutsideATransactionIsRefused() {
        // An event without its state change in the same transaction would be a dual write.
        LogChunk chunk = new LogChunk(UUID.randomUUID(), "build", 0, List.of("x"));

        assertThatThrownBy(() -> outbox.append(chunk, "c", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transaction");
    }

    @Test
    void anEventAppendedInACommittedTransactionReachesKafkaWithItsEnvelope() {
        // The relay publishes a committed row to the event's topic, keyed and with every envelope header.
        UUID build = UUID.randomUUID();
        LogChunk chunk = new LogChunk(build, "build", 0, List.of("hello from the outbox"));

        Envelope envelope = transactions.execute(s -> outbox.append(chunk, "build-" + build, "cause-1"));

        ReceivedEvent record = probe.awaitOne(EventProbe.keyed(build.toString()), Duration.ofSeconds(30));
        assertThat(record.topic()).isEqualTo(Topics.BUILD_LOGS);
        assertThat(record.envelope()).isEqualTo(envelope);
        assertThat(record.envelope().eventType()).isEqualTo("log.chunk");
        assertThat(codec.decode("log.chunk", 1, record.value())).isEqualTo(chunk);
        // Once Kafka has acknowledged it, the row leaves the outbox.
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where event_id = ?", Long.class, envelope.eventId()) == 0);
    }

    @Test
    void aLargePayloadIsStoredCompressedAndReachesKafkaAsItsJson() {
        // Too large for the row, a chunk of 2,000 alike lines is kept as one LZ4 block (migration 0.4), which
        // PostgreSQL does not compress again (0.3); the relay restores it, so Kafka carries the chunk's JSON.
        UUID build = UUID.randomUUID();
        List<String> lines = java.util.stream.IntStream.range(0, 2000)
                .mapToObj(i -> "line " + i + " of a log that would compress well").toList();
        LogChunk chunk = new LogChunk(build, "build", 0, lines);
        byte[] json = codec.encode(chunk);

        java.util.Map<String, Object> stored = transactions.execute(s -> {
            Envelope envelope = outbox.append(chunk, "build-" + build, null);
            return jdbc.queryForMap("""
                    select pg_column_compression(payload) as postgres_compression, payload_compression,
                           payload_length, octet_length(payload) as length
                    from outbox where event_id = ?""", envelope.eventId());
        });

        assertThat(stored.get("postgres_compression")).isNull();
        assertThat(stored.get("payload_compression")).isEqualTo("lz4");
        assertThat(stored.get("payload_length")).isEqualTo(json.length);
        assertThat(((Number) stored.get("length")).intValue()).isLessThan(json.length / 3);
        ReceivedEvent record = probe.awaitOne(EventProbe.keyed(build.toString()), Duration.ofSeconds(30));
        assertThat(record.value()).isEqualTo(json);
    }

    @Test
    void aSmallPayloadIsStoredAsItIs() {
        UUID build = UUID.randomUUID();
        LogChunk chunk = new LogChunk(build, "build", 0, List.of("one line"));

        java.util.Map<String, Object> stored = transactions.execute(s -> {
            Envelope envelope = outbox.append(chunk, "build-" + build, null);
            return jdbc.queryForMap("select payload, payload_compression from outbox where event_id = ?",
                    envelope.eventId());
        });

        assertThat(stored.get("payload_compression")).isNull();
        assertThat((byte[]) stored.get("payload")).isEqualTo(codec.encode(chunk));
    }

    @Test
    void eventsAppendedTogetherArePublishedInTheirOrderWithTheirOwnEnvelopes() {
        // appendAll inserts in multi-row statements (32 + 16 + 2 here): its rows keep the list's order, so one key's events reach Kafka in it.
        UUID build = UUID.randomUUID();
        List<Outbox.Pending> chunks = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> new Outbox.Pending(new LogChunk(build, "build", i, List.of("line " + i)),
                        "build-" + build, i == 0 ? null : "cause-" + i))
                .toList();

        List<Envelope> envelopes = transactions.execute(s -> outbox.appendAll(chunks));

        assertThat(envelopes).hasSize(50).extracting(Envelope::eventId).doesNotHaveDuplicates();
        assertThat(envelopes.get(7).causationId()).isEqualTo("cause-7");
        List<ReceivedEvent> records = probe.await(EventProbe.keyed(build.toString()), 50, Duration.ofSeconds(30));
        assertThat(records).extracting(r -> ((LogChunk) r.event()).sequence())
                .containsExactlyElementsOf(java.util.stream.LongStream.range(0, 50).boxed().toList());
        assertThat(records).extracting(ReceivedEvent::envelope).containsExactlyElementsOf(envelopes);
        assertThatThrownBy(() -> outbox.appendAll(chunks)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPayloadEncodedByTheCallerIsStoredAndPublishedAsGiven() {
        // A caller may encode on its own thread; the outbox then keeps those bytes rather than encoding again.
        // Pretty-printed here, so that a second encoding (compact) would show on Kafka.
        UUID build = UUID.randomUUID();
        LogChunk chunk = new LogChunk(build, "build", 0, List.of("encoded by the caller"));
        byte[] payload = tools.jackson.databind.json.JsonMapper.builder().build()
                .writerWithDefaultPrettyPrinter().writeValueAsBytes(
                        tools.jackson.databind.json.JsonMapper.builder().build().readTree(codec.encode(chunk)));
        assertThat(payload).isNotEqualTo(codec.encode(chunk));

        List<Outbox.Appended> appended = transactions.execute(s -> outbox.appendAllWithPayloads(
                List.of(new Outbox.Pending(chunk, "build-" + build, null, payload))));

        assertThat(appended.getFirst().payload()).isEqualTo(payload);
        ReceivedEvent record = probe.awaitOne(EventProbe.keyed(build.toString()), Duration.ofSeconds(30));
        assertThat(record.value()).isEqualTo(payload);
        assertThat(record.event()).isEqualTo(chunk);
    }

    @Test
    void anEventAppendedInARolledBackTransactionIsNeverPublished() {
        // The state change and the event roll back together: no row, nothing for the relay.
        UUID build = UUID.randomUUID();
        LogChunk chunk = new LogChunk(build, "build", 0, List.of("never"));

        transactions.executeWithoutResult(s -> {
            outbox.append(chunk, "build-" + build, null);
            s.setRollbackOnly();
        });

        assertThat(jdbc.queryForObject("select count(*) from outbox where record_key = ?", Long.class,
                build.toString())).isZero();
    }

    @Test
    void aRedeliveredEventIsHandledOnce() {
        // Two records with the same event id run the handler once; a new event id runs it again.
        UUID eventId = UUID.randomUUID();
        String key = UUID.randomUUID().toString();

        send(key, eventId, "log.chunk", codec.encode(new LogChunk(UUID.fromString(key), "s", 0, List.of("a"))));
        send(key, eventId, "log.chunk", codec.encode(new LogChunk(UUID.fromString(key), "s", 0, List.of("a"))));
        send(key, UUID.randomUUID(), "log.chunk", codec.encode(new LogChunk(UUID.fromString(key), "s", 1, List.of("b"))));

        await().atMost(Duration.ofSeconds(20)).until(() -> handledFor(key) == 2);
        // The duplicate was consumed before the third record; give a late duplicate no chance either.
        assertThat(jdbc.queryForObject("select count(*) from processed_events where event_id = ?", Long.class,
                eventId)).isEqualTo(1);
        assertThat(handledFor(key)).isEqualTo(2);
    }

    @Test
    void aRecordThatCannotBeDecodedIsDeadLetteredWithItsError() {
        // A payload missing a required field goes to <topic>.dlq at once, with the reason, and the consumer goes on.
        String key = UUID.randomUUID().toString();

        send(key, UUID.randomUUID(), "log.chunk", "{\"step\":\"s\",\"sequence\":0}".getBytes(StandardCharsets.UTF_8));

        ReceivedEvent parked = probe.awaitOne(EventProbe.keyed(key), Duration.ofSeconds(30));
        assertThat(parked.topic()).isEqualTo(Topics.deadLetter(Topics.BUILD_COMMANDS));
        String error = new String(parked.headers().lastHeader("kafka_dlt-exception-message").value(),
                StandardCharsets.UTF_8);
        assertThat(error).contains("log.chunk v1: missing required field 'buildId'");
        assertThat(handledFor(key)).isZero();
    }

    private long handledFor(String key) {
        return listener.handled.stream().filter(e -> e.event() instanceof LogChunk c
                && c.buildId().toString().equals(key)).count();
    }

    private void send(String key, UUID eventId, String type, byte[] value) {
        sender.send(Topics.BUILD_COMMANDS, key, new Envelope(type, 1, eventId, Instant.now(), "test", null), value);
    }
}
