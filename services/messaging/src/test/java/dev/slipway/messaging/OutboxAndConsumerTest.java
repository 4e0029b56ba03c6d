package dev.slipway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.slipway.model.codec.EnvelopeBinding;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.model.Envelope;
import dev.slipway.model.EnvelopeHeaders;
import dev.slipway.model.Topics;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.codec.EventCodec;
import dev.slipway.testkit.infra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.BUILD_LOGS, build.toString());
        Envelope read = EnvelopeBinding.read(record.headers());
        assertThat(read).isEqualTo(envelope);
        assertThat(read.eventType()).isEqualTo("log.chunk");
        assertThat(codec.decode("log.chunk", 1, record.value())).isEqualTo(chunk);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select published_at is not null from outbox where event_id = ?", Boolean.class, envelope.eventId()));
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

        ConsumerRecord<String, byte[]> parked = awaitRecord(Topics.deadLetter(Topics.BUILD_COMMANDS), key);
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
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BUILD_COMMANDS, key, value);
            EnvelopeBinding.write(new Envelope(type, 1, eventId, Instant.now(), "test", null), record.headers());
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError("could not send the test record", e);
        }
    }

    private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            List<String> seen = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                    seen.add(r.key());
                }
            }
            throw new AssertionError("no record with key " + key + " on " + topic + " within 30 s; saw " + seen
                    + " (" + EnvelopeHeaders.EVENT_TYPE + " headers not checked)");
        }
    }
}
