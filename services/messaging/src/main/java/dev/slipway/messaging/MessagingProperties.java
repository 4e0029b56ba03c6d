package dev.slipway.messaging;

import dev.slipway.messaging.outbox.OutboxRelay;
import java.time.Duration;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the messaging library, under {@code slipway.messaging}.
 *
 * @param partitions        partitions of each Slipway topic that this service creates if missing
 * @param replicationFactor replicas of each topic
 * @param maxRecordSize     the largest record Slipway writes: each topic is created (or updated) to take
 *                          records this large, and the producers to send them. Ingestion takes webhook
 *                          bodies up to 25 MB, and the event of a push is never larger than its body,
 *                          so the default leaves room for the largest delivery that can be accepted.
 * @param outbox            the relay's settings
 */
@ConfigurationProperties("slipway.messaging")
public record MessagingProperties(@DefaultValue("3") int partitions,
                                  @DefaultValue("1") short replicationFactor,
                                  @DefaultValue("32MB") DataSize maxRecordSize,
                                  @DefaultValue Outbox outbox) {

    /**
     * The outbox relay's settings; see {@code OutboxRelay.Settings} for what each means.
     *
     * @param batchSize      rows published per batch
     * @param pollInterval   how often the relay looks for rows when nothing woke it
     * @param retryDelay     the first back-off after Kafka or PostgreSQL failed; it doubles up to max-retry-delay
     * @param maxRetryDelay  the longest back-off
     * @param kafkaTimeout   how long the relay's producer may block for metadata, and a recovery read may stall
     * @param stallWarning   how long Kafka may leave a batch unacknowledged before the relay logs it
     * @param recoveryWindow how many of the oldest unpublished rows the recovery scan looks for on Kafka
     * @param clockSkew      how far apart the clocks of the service's instances and PostgreSQL may be
     */
    public record Outbox(@DefaultValue("200") int batchSize,
                         @DefaultValue("200ms") Duration pollInterval,
                         @DefaultValue("250ms") Duration retryDelay,
                         @DefaultValue("5s") Duration maxRetryDelay,
                         @DefaultValue("5s") Duration kafkaTimeout,
                         @DefaultValue("10s") Duration stallWarning,
                         @DefaultValue("1000") int recoveryWindow,
                         @DefaultValue("1m") Duration clockSkew) {

        /** These settings as the relay takes them. */
        public OutboxRelay.Settings relaySettings() {
            return new OutboxRelay.Settings(batchSize, pollInterval, retryDelay, maxRetryDelay, kafkaTimeout,
                    stallWarning, recoveryWindow, clockSkew);
        }
    }
}
