package dev.slipway.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging library, under {@code slipway.messaging}.
 *
 * @param partitions        partitions of each Slipway topic that this service creates if missing
 * @param replicationFactor replicas of each topic
 * @param outbox            the relay's settings
 */
@ConfigurationProperties("slipway.messaging")
public record MessagingProperties(@DefaultValue("3") int partitions,
                                  @DefaultValue("1") short replicationFactor,
                                  @DefaultValue Outbox outbox) {

    /**
     * @param batchSize    rows published per batch
     * @param pollInterval how often the relay looks for rows when nothing woke it
     * @param retryDelay   how long it waits after Kafka refused a batch
     * @param sendTimeout  how long it waits for Kafka to acknowledge one record
     */
    public record Outbox(@DefaultValue("200") int batchSize,
                         @DefaultValue("200ms") Duration pollInterval,
                         @DefaultValue("1s") Duration retryDelay,
                         @DefaultValue("10s") Duration sendTimeout) {
    }
}
