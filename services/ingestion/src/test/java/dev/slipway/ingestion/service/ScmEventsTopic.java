package dev.slipway.ingestion.service;

import dev.slipway.model.EnvelopeHeaders;
import dev.slipway.model.Topics;
import dev.slipway.testkit.infra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code slipway.scm.events} on the shared broker with a plain consumer, from the start of
 * every partition and without a consumer group, so that it sees exactly what was published.
 */
final class ScmEventsTopic {

    private ScmEventsTopic() {
    }

    /**
     * Every record whose {@code correlation-id} is {@code deliveryId}, once at least {@code expected}
     * have arrived or {@code wait} has passed; it keeps reading for {@code linger} after that, so
     * that a record that should not be there has time to show up.
     */
    static List<ConsumerRecord<String, byte[]>> recordsOf(String deliveryId, int expected, Duration wait, Duration linger) {
        Predicate<ConsumerRecord<String, byte[]>> ofDelivery = r -> deliveryId.equals(header(r, EnvelopeHeaders.CORRELATION_ID));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SCM_EVENTS, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            Instant deadline = Instant.now().plus(wait);
            Instant stop = null;
            while (stop == null || Instant.now().isBefore(stop)) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (ofDelivery.test(r)) {
                        found.add(r);
                    }
                });
                if (stop == null && (found.size() >= expected || Instant.now().isAfter(deadline))) {
                    stop = Instant.now().plus(linger);
                }
            }
            return found;
        }
    }

    /** The text of header {@code name} of {@code record}, or {@code null}. */
    static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
