package dev.slipway.filtering.adapter.in.kafka;

import dev.slipway.filtering.FilteringApplication;
import dev.slipway.filtering.application.port.in.RecordIntendedRelease;
import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.model.Topics;
import dev.slipway.model.release.ReleaseIntended;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the tags that Slipway's releases are about to create, from {@code ReleaseIntended} on
 * {@code slipway.releases}, once per event id; the releases service's other events are consumed and
 * left alone.
 */
@Component
class ReleaseEventListener {

    private final IdempotentConsumer consumer;
    private final RecordIntendedRelease releases;

    ReleaseEventListener(IdempotentConsumer consumer, RecordIntendedRelease releases) {
        this.consumer = consumer;
        this.releases = releases;
    }

    @KafkaListener(topics = Topics.RELEASES, groupId = FilteringApplication.NAME)
    void onReleaseEvent(ConsumerRecord<String, byte[]> record) {
        consumer.process(FilteringApplication.NAME, record, inbound -> {
            if (inbound.event() instanceof ReleaseIntended intended) {
                releases.recordIntended(intended);
            }
        });
    }
}
