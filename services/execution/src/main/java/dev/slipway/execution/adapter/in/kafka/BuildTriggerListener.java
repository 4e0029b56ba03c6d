package dev.slipway.execution.adapter.in.kafka;

import dev.slipway.execution.ExecutionApplication;
import dev.slipway.execution.application.port.in.QueueBuild;
import dev.slipway.execution.application.port.in.QueueBuildCommand;
import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildRequested;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Queues every requested build. The listener returns as soon as the run is stored: the build
 * itself runs on a worker, so a long build never holds up the partition or its rebalance.
 */
@Component
class BuildTriggerListener {

    private static final Logger log = LoggerFactory.getLogger(BuildTriggerListener.class);

    private final IdempotentConsumer consumer;
    private final QueueBuild queue;

    BuildTriggerListener(IdempotentConsumer consumer, QueueBuild queue) {
        this.consumer = consumer;
        this.queue = queue;
    }

    @KafkaListener(topics = Topics.BUILD_TRIGGERS, groupId = ExecutionApplication.NAME)
    void onTrigger(ConsumerRecord<String, byte[]> record) {
        consumer.process(ExecutionApplication.NAME, record, inbound -> {
            if (inbound.event() instanceof BuildRequested request) {
                boolean queued = queue.queue(new QueueBuildCommand(request, inbound.envelope().correlationId(),
                        inbound.envelope().eventId()));
                if (queued) {
                    log.info("queued build {} ({} #{} at {})", request.buildId(), request.repositoryName(),
                            request.buildNumber(), request.commitSha());
                } else {
                    log.info("build {} was requested again; it is already known, nothing changes",
                            request.buildId());
                }
            }
        });
    }
}
