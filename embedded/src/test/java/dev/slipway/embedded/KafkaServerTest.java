package dev.slipway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void keepsRecordsAndClusterIdWhenRestartedOnTheSameLogDirectory() throws Exception {
        // Verifies that a persistent broker still serves a produced record, from the beginning, after a restart.
        Path logs = temp.resolve("kafka");
        String clusterId;
        try (KafkaServer first = KafkaServer.builder().logDirectory(logs).start()) {
            clusterId = first.clusterId();
            produce(first, "restart-test", "build-1", "queued");
            assertThat(consumeFromBeginning(first, "restart-test", 1))
                    .extracting(ConsumerRecord::value).containsExactly("queued");
        }

        try (KafkaServer second = KafkaServer.builder().logDirectory(logs).start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(consumeFromBeginning(second, "restart-test", 1))
                    .extracting(ConsumerRecord::key, ConsumerRecord::value)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("build-1", "queued"));
        }
        assertThat(logs.resolve("meta.properties")).exists();
    }

    @Test
    void runsTwoTemporaryBrokersAtOnceAndDeletesTheirLogsOnClose() throws Exception {
        // Verifies that two temporary brokers run side by side on free ports, keep separate data and clean up on close.
        Path firstLogs;
        Path secondLogs;
        try (KafkaServer first = KafkaServer.builder().start(); KafkaServer second = KafkaServer.builder().start()) {
            firstLogs = first.logDirectory();
            secondLogs = second.logDirectory();
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(first.clusterId()).isNotEqualTo(second.clusterId());
            assertThat(first.bootstrapServers()).isEqualTo("127.0.0.1:" + first.port());

            produce(first, "side-by-side", "k", "in-first");
            produce(second, "side-by-side", "k", "in-second");
            assertThat(consumeFromBeginning(first, "side-by-side", 1)).extracting(ConsumerRecord::value)
                    .containsExactly("in-first");
            assertThat(consumeFromBeginning(second, "side-by-side", 1)).extracting(ConsumerRecord::value)
                    .containsExactly("in-second");
        }
        assertThat(firstLogs).doesNotExist();
        assertThat(secondLogs).doesNotExist();
    }

    @Test
    void triesOtherPortsWhenAChosenFreePortIsTakenBeforeTheBrokerBindsIt() throws Exception {
        // Verifies that a port clash on an automatically chosen port leads to a retry rather than a failure.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            AtomicInteger calls = new AtomicInteger();
            try (KafkaServer kafka = KafkaServer.builder()
                    .freePorts(() -> calls.getAndIncrement() == 0 ? taken.getLocalPort() : LocalPorts.free())
                    .start()) {
                assertThat(kafka.port()).isNotEqualTo(taken.getLocalPort());
                assertThat(calls.get()).isGreaterThan(2);
                produce(kafka, "after-retry", "k", "v");
            }
        }
    }

    @Test
    void refusesAFixedPortThatIsAlreadyTaken() throws Exception {
        // Verifies that a fixed client port someone else listens on is refused with a message naming the port.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> KafkaServer.builder().port(port).start())
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("port " + port);
        }
    }

    @Test
    void keepsItsOwnListenersOutOfReachOfPropertyOverrides() {
        // Verifies that callers cannot override the listeners, whose ports the class reports as its own.
        assertThatThrownBy(() -> KafkaServer.builder().property("listeners", "PLAINTEXT://0.0.0.0:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
    }

    @Test
    void reportsAnInvalidPropertyOverrideBeforeStarting() {
        // Verifies that a property override Kafka cannot parse fails with a message that points at the overrides.
        assertThatThrownBy(() -> KafkaServer.builder().property("num.partitions", "three").start())
                .isInstanceOf(EmbeddedServerException.class)
                .hasMessageContaining("num.partitions=three");
    }

    private static void produce(KafkaServer kafka, String topic, String key, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(PATIENCE.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static List<ConsumerRecord<String, String>> consumeFromBeginning(KafkaServer kafka, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }
}
