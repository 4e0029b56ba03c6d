package dev.slipway.history.service;

import dev.slipway.model.codec.EnvelopeBinding;
import dev.slipway.model.Envelope;
import dev.slipway.model.EventCatalog;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.codec.EventCodec;
import dev.slipway.testkit.infra.TestInfrastructure;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events to the shared broker the way Slipway's services do: on the event's topic,
 * with its key, its JSON from the shared codec and its envelope in the record headers. Each send
 * waits for the broker's acknowledgement, so that the order of calls is the order on a partition.
 */
final class BuildEventPublisher implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));

    /** Publishes {@code event} with a fresh envelope that says it occurred at {@code occurredAt}. */
    Envelope publish(SlipwayEvent event, Instant occurredAt) {
        Envelope envelope = Envelope.of(event, "test-" + event.key(), null, occurredAt);
        publish(event, envelope);
        return envelope;
    }

    /** Publishes {@code event} with exactly {@code envelope}: a redelivery when the envelope was used before. */
    void publish(SlipwayEvent event, Envelope envelope) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventCatalog.typeOf(event).topic(), event.key(),
                codec.encode(event));
        EnvelopeBinding.write(envelope, record.headers());
        try {
            producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + envelope.eventType(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take " + envelope.eventType(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
