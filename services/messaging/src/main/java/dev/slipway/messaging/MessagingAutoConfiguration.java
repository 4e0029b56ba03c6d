package dev.slipway.messaging;

import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.messaging.outbox.JdbcOutbox;
import dev.slipway.messaging.outbox.Outbox;
import dev.slipway.messaging.outbox.OutboxRelay;
import dev.slipway.model.Topics;
import dev.slipway.model.codec.EventCodec;
import dev.slipway.model.codec.EventDecodingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.FixedBackOff;
import org.springframework.util.unit.DataSize;

/**
 * Wires the outbox, its relay, idempotent consumers and dead letters into every service that has
 * this library on its class path. Kafka records are keyed by strings and carry JSON bytes; the
 * event type travels in the headers.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class, after = DataSourceTransactionManagerAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Where the outbox and dedupe tables' migrations live; added to every service's Flyway locations. */
    public static final String MIGRATIONS = "classpath:db/migration/messaging";

    @Bean
    @ConditionalOnMissingBean
    Clock slipwayClock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    EventCodec eventCodec() {
        return new EventCodec();
    }

    @Bean
    FlywayConfigurationCustomizer messagingMigrations() {
        return configuration -> {
            List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
            Location messaging = new Location(MIGRATIONS);
            if (locations.stream().noneMatch(l -> l.getDescriptor().equals(messaging.getDescriptor()))) {
                locations.add(0, messaging);
            }
            configuration.locations(locations.toArray(Location[]::new));
            // The library's migrations are numbered below every service's own (0.x), so one that is
            // added later, such as 0.2, comes after a schema's service migrations were applied: an
            // existing schema must still take it.
            configuration.outOfOrder(true);
        };
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer slipwayProducerSettings(MessagingProperties properties) {
        return factory -> {
            factory.updateConfigs(Map.of(
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.LINGER_MS_CONFIG, 2));
            factory.updateConfigs(recordSizeConfig(properties.maxRecordSize()));
            factory.setKeySerializer(castSerializer(new StringSerializer()));
            factory.setValueSerializer(castSerializer(new ByteArraySerializer()));
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer slipwayConsumerSettings() {
        return factory -> {
            // A consumer group that starts after events were published must still see them.
            factory.updateConfigs(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
            factory.setKeyDeserializer(castDeserializer(new StringDeserializer()));
            factory.setValueDeserializer(castDeserializer(new ByteArrayDeserializer()));
        };
    }

    /**
     * Slipway's topics and their dead-letter topics, created when missing. Each takes records up to
     * {@code slipway.messaging.max-record-size}; a topic that exists with a smaller limit (made by an
     * older Slipway) is raised to it, since a record the broker refuses would stop the outbox relay
     * at that row for good.
     */
    @Bean
    KafkaAdmin.NewTopics slipwayTopics(MessagingProperties properties, ObjectProvider<KafkaAdmin> admin) {
        admin.ifAvailable(a -> a.setModifyTopicConfigs(true));
        String maxMessageBytes = Long.toString(properties.maxRecordSize().toBytes());
        List<NewTopic> topics = Stream.of(Topics.SCM_EVENTS, Topics.BUILD_TRIGGERS, Topics.BUILD_EVENTS,
                        Topics.BUILD_LOGS, Topics.BUILD_COMMANDS, Topics.RELEASES, Topics.AUDIT)
                .flatMap(t -> Stream.of(t, Topics.deadLetter(t)))
                .map(t -> TopicBuilder.name(t).partitions(properties.partitions())
                        .replicas(properties.replicationFactor())
                        .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes).build())
                .toList();
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /**
     * Producer settings for records up to {@code maxRecordSize}: the request may be that large, and
     * the producer's buffer holds at least two such records (Kafka refuses outright a record larger
     * than the whole buffer).
     */
    static Map<String, Object> recordSizeConfig(DataSize maxRecordSize) {
        long bytes = maxRecordSize.toBytes();
        if (bytes < 1024 * 1024 || bytes > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("slipway.messaging.max-record-size must be between 1MB and 1GB, not "
                    + maxRecordSize);
        }
        return Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, (int) bytes,
                ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(64L * 1024 * 1024, 2 * bytes));
    }

    /**
     * The relay, with a producer and a recovery consumer of its own, made from the service's Kafka
     * settings. Its producer differs from the shared template's on purpose: it has no delivery
     * deadline, so that a record handed over while Kafka is away is written once, in order, when
     * Kafka returns, instead of failing and being sent again (see {@link OutboxRelay}).
     */
    @Bean
    @ConditionalOnMissingBean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, ProducerFactory<?, ?> producerFactory,
                            ConsumerFactory<?, ?> consumerFactory, Clock clock, ObjectProvider<MeterRegistry> meters,
                            MessagingProperties properties) {
        OutboxRelay.Settings settings = properties.outbox().relaySettings();
        Map<String, Object> producerConfig =
                relayProducerConfig(producerFactory.getConfigurationProperties(), settings);
        Map<String, Object> consumerConfig =
                recoveryConsumerConfig(consumerFactory.getConfigurationProperties(), settings);
        return new OutboxRelay(jdbc,
                () -> new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer()),
                () -> new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                clock, meters.getIfAvailable(SimpleMeterRegistry::new), settings);
    }

    static Map<String, Object> relayProducerConfig(Map<String, Object> service, OutboxRelay.Settings settings) {
        Map<String, Object> config = new HashMap<>(service);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        // No deadline: the relay waits for Kafka rather than failing records that Kafka may yet write.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.kafkaTimeout().toMillis());
        // While Kafka is away the client logs every failed connection at WARN; at Kafka's default 1 s
        // ceiling that is a few lines a second for the whole outage. The relay's own back-off is the pace.
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, settings.maxRetryDelay().toMillis());
        // Records travel LZ4-compressed unless the service says otherwise (spring.kafka.producer.compression-type):
        // a build's log chunks are thousands of alike lines, which LZ4 makes several times smaller for the
        // broker, its log and every consumer, for less CPU than moving them whole (docs/benchmarks.md).
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return Map.copyOf(config);
    }

    static Map<String, Object> recoveryConsumerConfig(Map<String, Object> service, OutboxRelay.Settings settings) {
        Map<String, Object> config = new HashMap<>(service);
        // Assigned partitions, read and forgotten: no group, no commits, no topics created by asking.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, settings.maxRetryDelay().toMillis());
        return Map.copyOf(config);
    }

    @Bean
    @ConditionalOnMissingBean
    Outbox outbox(JdbcTemplate jdbc, EventCodec codec, Clock clock, OutboxRelay relay) {
        return new JdbcOutbox(jdbc, codec, clock, relay::wakeUp);
    }

    @Bean
    @ConditionalOnMissingBean
    IdempotentConsumer idempotentConsumer(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                                          EventCodec codec) {
        return new IdempotentConsumer(jdbc, new TransactionTemplate(transactions), codec);
    }

    /**
     * Retries a failing record twice, then parks it on {@code <topic>.dlq} with the exception in
     * its headers. A record that cannot be decoded is parked at once: retrying cannot fix it.
     */
    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler slipwayErrorHandler(KafkaTemplate<String, byte[]> kafka) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, error) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(500, 2));
        handler.addNotRetryableExceptions(EventDecodingException.class);
        return handler;
    }

    @SuppressWarnings("unchecked")
    private static <T> org.apache.kafka.common.serialization.Serializer<T> castSerializer(
            org.apache.kafka.common.serialization.Serializer<?> s) {
        return (org.apache.kafka.common.serialization.Serializer<T>) s;
    }

    @SuppressWarnings("unchecked")
    private static <T> org.apache.kafka.common.serialization.Deserializer<T> castDeserializer(
            org.apache.kafka.common.serialization.Deserializer<?> d) {
        return (org.apache.kafka.common.serialization.Deserializer<T>) d;
    }
}
