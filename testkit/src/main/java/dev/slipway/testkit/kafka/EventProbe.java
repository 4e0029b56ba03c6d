package dev.slipway.testkit.kafka;

import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.codec.EnvelopeBinding;
import dev.slipway.model.codec.EventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what is published on some topics from the moment the probe opens: every partition is
 * assigned and its position fixed at the end before {@link #open} returns, so that nothing
 * published afterwards is missed, and nothing published before is seen. Not thread-safe.
 */
public final class EventProbe implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final EventCodec codec = new EventCodec();
    private final List<ReceivedEvent> received = new ArrayList<>();

    private EventProbe(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** A probe on {@code topics} of the broker at {@code bootstrapServers}, from their current end. */
    public static EventProbe open(String bootstrapServers, String... topics) {
        return open(bootstrapServers, false, topics);
    }

    /**
     * A probe on {@code topics} that reads every record they hold, from the beginning: for a broker
     * the test owns, whose topics hold only what the test caused.
     */
    public static EventProbe openFromBeginning(String bootstrapServers, String... topics) {
        return open(bootstrapServers, true, topics);
    }

    private static EventProbe open(String bootstrapServers, boolean fromBeginning, String... topics) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                var infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
                    // The topic may not exist yet: asking for it creates it where auto-creation is on.
                    sleep(200);
                    infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
                }
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " has no partitions");
                }
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position);
            return new EventProbe(consumer);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * Waits until {@code count} records that match {@code filter} have arrived since the probe
     * opened, and returns them in arrival order.
     *
     * @throws AssertionError when they have not arrived within {@code timeout}; it lists what did
     */
    public List<ReceivedEvent> await(Predicate<ReceivedEvent> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedEvent> matching = received.stream().filter(filter).toList();
            if (matching.size() >= count) {
                return matching.subList(0, count);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " matching records within " + timeout + " but saw "
                        + matching.size() + "; all records seen: " + describe(received));
            }
            poll(Duration.ofMillis(100));
        }
    }

    /** Waits for the first record that matches {@code filter}. */
    public ReceivedEvent awaitOne(Predicate<ReceivedEvent> filter, Duration timeout) {
        return await(filter, 1, timeout).getFirst();
    }

    /** Reads for {@code period} and returns every record that matches {@code filter} since the probe opened. */
    public List<ReceivedEvent> collectFor(Duration period, Predicate<ReceivedEvent> filter) {
        long deadline = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        return received.stream().filter(filter).toList();
    }

    /**
     * Reads every partition up to the end it has now, and returns every record received since the
     * probe opened. Whatever was acknowledged to a producer before this call is in the result, so
     * a test can assert that something was published once and no more without waiting for a
     * duplicate that might still come.
     *
     * @throws AssertionError when the end is not reached within {@code timeout}
     */
    public List<ReceivedEvent> drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<TopicPartition> partitions = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the probe did not reach the end of " + partitions + " within " + timeout);
            }
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(received);
    }

    /** A filter for records with key {@code key}. */
    public static Predicate<ReceivedEvent> keyed(String key) {
        return r -> key.equals(r.key());
    }

    /**
     * A filter for records whose envelope has correlation id {@code correlationId}: everything that one
     * webhook delivery caused. Records without an envelope never match.
     */
    public static Predicate<ReceivedEvent> correlatedTo(String correlationId) {
        return r -> r.envelope() != null && correlationId.equals(r.envelope().correlationId());
    }

    private void poll(Duration duration) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(duration)) {
            Envelope envelope = null;
            SlipwayEvent event = null;
            try {
                envelope = EnvelopeBinding.read(r.headers());
                event = codec.decode(envelope.eventType(), envelope.eventVersion(), r.value());
            } catch (RuntimeException undecodable) {
                // Kept with a null event: a test may be looking for exactly such a record.
            }
            received.add(new ReceivedEvent(r.topic(), r.key(), envelope, event, r.value(), r.headers()));
        }
    }

    private static String describe(List<ReceivedEvent> records) {
        Set<String> lines = records.stream()
                .map(r -> r.topic() + "/" + r.key() + ": " + (r.event() == null ? "(undecodable)" : r.event()))
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
        return lines.isEmpty() ? "none" : String.join("\n  ", lines);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
