package dev.slipway.filtering.adapter.in.kafka;

import dev.slipway.filtering.FilteringApplication;
import dev.slipway.filtering.application.port.in.DecideOnScmEvent;
import dev.slipway.filtering.application.port.out.RepositoryUnreachable;
import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.model.Topics;
import dev.slipway.model.codec.EventDecodingException;
import dev.slipway.model.scm.ScmEvent;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Filtering's Kafka error handler, in place of messaging's. A record whose repository could not be
 * reached ({@link RepositoryUnreachable}) is tried again with exponential back-off
 * ({@code slipway.filtering.git-retry.*}); when the attempts are spent, the event is decided as an
 * error that says the repository could not be reached, rather than parked. The retries hold the
 * record's partition, so the events after it on that partition wait and per-key order holds.
 * Everything else is handled as messaging handles it: two retries half a second apart, then
 * {@code <topic>.dlq}; a record that cannot be decoded goes there at once.
 */
@Configuration(proxyBeanMethods = false)
class UnreachableRepositoryRetries {

    private static final Logger log = LoggerFactory.getLogger(UnreachableRepositoryRetries.class);

    @Bean
    CommonErrorHandler filteringErrorHandler(KafkaTemplate<String, byte[]> kafka, IdempotentConsumer consumer,
                                             DecideOnScmEvent decider,
                                             @Value("${slipway.filtering.git-retry.attempts:9}") int attempts,
                                             @Value("${slipway.filtering.git-retry.initial-delay:1s}") Duration initial,
                                             @Value("${slipway.filtering.git-retry.multiplier:2.0}") double multiplier,
                                             @Value("${slipway.filtering.git-retry.max-delay:60s}") Duration max) {
        if (attempts < 1) {
            throw new IllegalArgumentException("slipway.filtering.git-retry.attempts must be at least 1, not " + attempts);
        }
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, error) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, error) -> {
            Optional<RepositoryUnreachable> unreachable = unreachable(error);
            if (unreachable.isPresent() && record.topic().equals(Topics.SCM_EVENTS)) {
                giveUp(consumer, decider, cast(record), attempts, unreachable.get());
            } else {
                deadLetters.accept(record, error);
            }
        }, new FixedBackOff(500, 2));
        handler.addNotRetryableExceptions(EventDecodingException.class);
        handler.setBackOffFunction((record, error) -> unreachable(error).isPresent()
                ? backOff(attempts, initial, multiplier, max) : null);
        return handler;
    }

    static BackOff backOff(int attempts, Duration initial, double multiplier, Duration max) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(attempts - 1);
        backOff.setInitialInterval(initial.toMillis());
        backOff.setMultiplier(multiplier);
        backOff.setMaxInterval(max.toMillis());
        return backOff;
    }

    private static void giveUp(IdempotentConsumer consumer, DecideOnScmEvent decider,
                               ConsumerRecord<String, byte[]> record, int attempts, RepositoryUnreachable unreachable) {
        consumer.process(FilteringApplication.NAME, record, inbound -> {
            if (inbound.event() instanceof ScmEvent event) {
                decider.unreachable(event, inbound.envelope(), attempts, unreachable.gitMessage()).ifPresent(
                        decision -> log.warn("gave up on delivery {} of {} after {} attempts: {}",
                                decision.deliveryId(), decision.repositoryId(), attempts, decision.reason()));
            }
        });
    }

    private static Optional<RepositoryUnreachable> unreachable(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RepositoryUnreachable r) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, byte[]> cast(ConsumerRecord<?, ?> record) {
        return (ConsumerRecord<String, byte[]>) record;
    }
}
