package dev.slipway.execution.adapter.in.kafka;

import dev.slipway.execution.ExecutionApplication;
import dev.slipway.execution.application.port.in.CancelRun;
import dev.slipway.execution.application.port.in.CancelRunCommand;
import dev.slipway.execution.application.port.in.CancelRunOutcome;
import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.model.Topics;
import dev.slipway.model.build.CancelBuild;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Acts on commands to builds: {@code CancelBuild} cancels a queued or running build, once per
 * event id. It returns as soon as the cancel is stored; stopping a running build's containers
 * happens on other threads.
 */
@Component
class BuildCommandListener {

    private static final Logger log = LoggerFactory.getLogger(BuildCommandListener.class);

    private final IdempotentConsumer consumer;
    private final CancelRun cancel;

    BuildCommandListener(IdempotentConsumer consumer, CancelRun cancel) {
        this.consumer = consumer;
        this.cancel = cancel;
    }

    @KafkaListener(topics = Topics.BUILD_COMMANDS, groupId = ExecutionApplication.NAME)
    void onCommand(ConsumerRecord<String, byte[]> record) {
        consumer.process(ExecutionApplication.NAME, record, inbound -> {
            if (inbound.event() instanceof CancelBuild command) {
                CancelRunOutcome outcome = cancel.cancel(new CancelRunCommand(command.buildId(), command.reason()));
                log.info("build {}: cancel ({}): {}", command.buildId(), command.reason(), switch (outcome) {
                    case CANCELLED_QUEUED -> "it was queued and ends cancelled without starting";
                    case STOPPING -> "it is running and is being stopped";
                    case ALREADY_FINISHED -> "it had finished already; nothing changes";
                    case NOT_YET_REQUESTED -> "its request has not arrived; it ends cancelled when it does";
                });
            }
        });
    }
}
