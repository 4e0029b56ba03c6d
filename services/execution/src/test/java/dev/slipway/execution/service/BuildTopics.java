package dev.slipway.execution.service;

import dev.slipway.model.codec.EnvelopeBinding;
import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.Topics;
import dev.slipway.model.codec.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The test's own view of the broker, through plain Kafka clients: it publishes triggers as
 * filtering would, with envelope headers, and reads {@code slipway.build.events} and
 * {@code slipway.build.logs} as history would, from the beginning, in a consumer group of its own.
 */
final class BuildTopics implements AutoCloseable {

    /** An event as read from a topic, with its envelope. */
    record Received(Envelope envelope, SlipwayEvent event, String topic) {
    }

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new ArrayList<>();

    BuildTopics(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "execution-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.BUILD_EVENTS, Topics.BUILD_LOGS));
    }

    /** Publishes {@code event} with {@code envelope}'s headers, to the event's own topic, and waits for the ack. */
    RecordMetadata publish(SlipwayEvent event, Envelope envelope) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.BUILD_TRIGGERS, event.key(),
                codec.encode(event));
        EnvelopeBinding.write(envelope, record.headers());
        return producer.send(record).get();
    }

    /** A fresh envelope for {@code event}, as filtering would send it. */
    static Envelope envelopeFor(SlipwayEvent event, String correlationId) {
        return Envelope.of(event, correlationId, UUID.randomUUID().toString(), Instant.now());
    }

    /** Reads until an event matches {@code until}, or fails after {@code timeout}; returns everything read so far. */
    List<Received> readUntil(Predicate<Received> until, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.stream().noneMatch(until)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing matching arrived within " + timeout + "; read " + received.size()
                        + " events: " + received.stream().map(r -> r.event().getClass().getSimpleName()).toList());
            }
            pollOnce(Duration.ofMillis(200));
        }
        return List.copyOf(received);
    }

    /** Reads whatever arrives for {@code duration}; returns everything read so far. */
    List<Received> readFor(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            pollOnce(Duration.ofMillis(200));
        }
        return List.copyOf(received);
    }

    private void pollOnce(Duration timeout) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            Envelope envelope = EnvelopeBinding.read(record.headers());
            received.add(new Received(envelope, codec.decode(envelope.eventType(), envelope.eventVersion(),
                    record.value()), record.topic()));
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
