package dev.slipway.filtering.adapter.in.kafka;

import dev.slipway.filtering.FilteringApplication;
import dev.slipway.filtering.application.port.in.NoteBuildFinished;
import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildFinished;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Notes the builds that ended, from {@code BuildFinished} on {@code slipway.build.events}; other build events are left alone. */
@Component
class BuildEventListener {

    private final IdempotentConsumer consumer;
    private final NoteBuildFinished builds;

    BuildEventListener(IdempotentConsumer consumer, NoteBuildFinished builds) {
        this.consumer = consumer;
        this.builds = builds;
    }

    @KafkaListener(topics = Topics.BUILD_EVENTS, groupId = FilteringApplication.NAME)
    void onBuildEvent(ConsumerRecord<String, byte[]> record) {
        consumer.process(FilteringApplication.NAME, record, inbound -> {
            if (inbound.event() instanceof BuildFinished finished) {
                builds.finished(finished);
            }
        });
    }
}
