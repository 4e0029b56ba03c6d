package dev.slipway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.messaging.outbox.OutboxRelay;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RelayClientSettingsTest {

    private static final OutboxRelay.Settings DEFAULTS = new MessagingProperties(3, (short) 1, DataSize.ofMegabytes(32),
            new MessagingProperties.Outbox(200, Duration.ofMillis(200), Duration.ofMillis(250), Duration.ofSeconds(5),
                    Duration.ofSeconds(5), Duration.ofSeconds(10), 1000, Duration.ofMinutes(1))).outbox().relaySettings();

    @Test
    void theRelaysProducerWaitsForKafkaInsteadOfFailingRecordsItMayYetWrite() {
        // Verifies that the relay's producer is idempotent, acks=all, has no delivery deadline, blocks at most
        // kafka-timeout for metadata, and drops a transactional id the service's settings may carry.
        Map<String, Object> service = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000, ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-");

        Map<String, Object> relay = MessagingAutoConfiguration.relayProducerConfig(service, DEFAULTS);

        assertThat(relay).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE)
                .containsEntry(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000)
                .containsEntry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000L)
                .doesNotContainKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
    }

    @Test
    void theRelaysProducerCompressesWithLz4UnlessTheServiceChoseOtherwise() {
        Map<String, Object> unset = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        Map<String, Object> chosen = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");

        assertThat(MessagingAutoConfiguration.relayProducerConfig(unset, DEFAULTS))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        assertThat(MessagingAutoConfiguration.relayProducerConfig(chosen, DEFAULTS))
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    }

    @Test
    void theRecoveryConsumerBelongsToNoGroupAndCommitsNothing() {
        // Verifies that the consumer that looks for already-published records cannot move any group's offsets.
        Map<String, Object> service = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ConsumerConfig.GROUP_ID_CONFIG, "filtering", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

        Map<String, Object> recovery = MessagingAutoConfiguration.recoveryConsumerConfig(service, DEFAULTS);

        assertThat(recovery).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    }

    @Test
    void refusesARecoveryWindowSmallerThanABatch() {
        // Verifies that recovery always looks at least as far as one batch, the most that can be in flight.
        assertThatThrownBy(() -> new OutboxRelay.Settings(200, Duration.ofMillis(200), Duration.ofMillis(250),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), 100, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recovery window (100 rows)");
    }

    @Test
    void refusesABackOffCeilingBelowItsStart() {
        // Verifies that max-retry-delay below retry-delay is named in the error rather than silently reordered.
        assertThatThrownBy(() -> new OutboxRelay.Settings(200, Duration.ofMillis(200), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10), 1000, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-retry-delay");
    }

    @Test
    void producersTakeRecordsUpToTheConfiguredSizeWithABufferOfTwo() {
        // Verifies that a 32 MB ceiling gives 32 MB requests and a 64 MB buffer, and that nonsense sizes are named.
        assertThat(MessagingAutoConfiguration.recordSizeConfig(DataSize.ofMegabytes(32)))
                .containsEntry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 32 * 1024 * 1024)
                .containsEntry(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        assertThat(MessagingAutoConfiguration.recordSizeConfig(DataSize.ofMegabytes(100)))
                .containsEntry(ProducerConfig.BUFFER_MEMORY_CONFIG, 200L * 1024 * 1024);
        assertThatThrownBy(() -> MessagingAutoConfiguration.recordSizeConfig(DataSize.ofKilobytes(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-record-size");
    }
}
