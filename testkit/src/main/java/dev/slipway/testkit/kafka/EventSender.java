package dev.slipway.testkit.kafka;

import dev.slipway.model.Envelope;
import dev.slipway.model.EventCatalog;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.codec.EnvelopeBinding;
import dev.slipway.model.codec.EventCodec;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events the way a Slipway service's outbox relay does: JSON value, the event's key,
 * and the envelope in the headers. Each send waits for the broker's acknowledgement.
 */
public final class EventSender implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final EventCodec codec = new EventCodec();

    private EventSender(KafkaProducer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** A sender to the broker at {@code bootstrapServers}. */
    public static EventSender open(String bootstrapServers) {
        return new EventSender(new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)));
    }

    /** Publishes {@code event} with a fresh envelope correlated to {@code correlationId}; returns the envelope. */
    public Envelope publish(SlipwayEvent event, String correlationId) {
        Envelope envelope = Envelope.of(event, correlationId, null, Instant.now());
        publish(event, envelope);
        return envelope;
    }

    /**
     * Publishes {@code event} with exactly {@code envelope}, as a redelivery would; returns where the
     * broker put it, for a test that waits until a consumer group has committed past it.
     */
    public RecordMetadata publish(SlipwayEvent event, Envelope envelope) {
        return send(EventCatalog.typeOf(event).topic(), event.key(), envelope, codec.encode(event));
    }

    /**
     * Publishes raw bytes with {@code envelope} (which may be null: no headers), for malformed records;
     * returns where the broker put them.
     */
    public RecordMetadata send(String topic, String key, Envelope envelope, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (envelope != null) {
            EnvelopeBinding.write(envelope, record.headers());
        }
        try {
            return producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker did not take the record for " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
