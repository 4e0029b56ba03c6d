package dev.slipway.filtering.adapter.in.kafka;

import dev.slipway.filtering.FilteringApplication;
import dev.slipway.filtering.application.port.in.DecideOnScmEvent;
import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.model.Topics;
import dev.slipway.model.scm.ScmEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds every SCM event to the decider, once per event id. An event the decider does not decide on
 * is consumed all the same, and logged, so that it is neither retried nor dead-lettered.
 */
@Component
class ScmEventListener {

    private static final Logger log = LoggerFactory.getLogger(ScmEventListener.class);

    private final IdempotentConsumer consumer;
    private final DecideOnScmEvent decider;

    ScmEventListener(IdempotentConsumer consumer, DecideOnScmEvent decider) {
        this.consumer = consumer;
        this.decider = decider;
    }

    @KafkaListener(topics = Topics.SCM_EVENTS, groupId = FilteringApplication.NAME)
    void onScmEvent(ConsumerRecord<String, byte[]> record) {
        consumer.process(FilteringApplication.NAME, record, inbound -> {
            if (inbound.event() instanceof ScmEvent event) {
                decider.decide(event, inbound.envelope()).ifPresentOrElse(
                        decision -> log.info("decided {} #{} for delivery {} of {}: {}", decision.outcome(),
                                decision.buildNumber(), decision.deliveryId(), decision.repositoryId(),
                                decision.reason()),
                        () -> log.info("no decision on {} for delivery {} of {}: deleted refs, deleted tags and pings are "
                                + "not decided on", inbound.envelope().eventType(), event.deliveryId(),
                                event.repositoryId()));
            }
        });
    }
}
