package dev.slipway.history.adapter.in.kafka;

import dev.slipway.history.HistoryApplication;
import dev.slipway.history.application.port.in.RecordBuildHistory;
import dev.slipway.history.application.port.in.RecordDecisions;
import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.messaging.consumer.InboundEvent;
import dev.slipway.model.Topics;
import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildEvent;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildLogEvent;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.BuildTriggerEvent;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepStarted;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the build topics into the history: filtering's decisions from the triggers, and what
 * became of each build from the other two. The three topics are consumed independently, so the
 * events of one build reach the use cases in any order; the use cases are built for that.
 */
@Component
class BuildEventConsumers {

    /** The name the idempotent consumer dedupes under; also the consumer group. */
    static final String CONSUMER = HistoryApplication.NAME;

    private static final Logger log = LoggerFactory.getLogger(BuildEventConsumers.class);

    private final IdempotentConsumer consumer;
    private final RecordBuildHistory history;
    private final RecordDecisions decisions;

    BuildEventConsumers(IdempotentConsumer consumer, RecordBuildHistory history, RecordDecisions decisions) {
        this.consumer = consumer;
        this.history = history;
        this.decisions = decisions;
    }

    @KafkaListener(topics = Topics.BUILD_TRIGGERS, groupId = HistoryApplication.NAME)
    void onTrigger(ConsumerRecord<String, byte[]> record) {
        consumer.process(CONSUMER, record, this::trigger);
    }

    @KafkaListener(topics = Topics.BUILD_EVENTS, groupId = HistoryApplication.NAME)
    void onBuildEvent(ConsumerRecord<String, byte[]> record) {
        consumer.process(CONSUMER, record, this::buildEvent);
    }

    @KafkaListener(topics = Topics.BUILD_LOGS, groupId = HistoryApplication.NAME)
    void onLog(ConsumerRecord<String, byte[]> record) {
        consumer.process(CONSUMER, record, this::log);
    }

    private void trigger(InboundEvent inbound) {
        if (!(inbound.event() instanceof BuildTriggerEvent event)) {
            ignore(inbound);
            return;
        }
        // Filtering stamps the trigger when it decides, so the envelope's time is the decision's.
        Instant decidedAt = inbound.envelope().occurredAt();
        switch (event) {
            case BuildRequested requested -> {
                history.requested(requested, decidedAt);
                decisions.requested(requested, decidedAt);
            }
            case BuildSkipped skipped -> decisions.skipped(skipped, decidedAt);
            case BuildErrored errored -> decisions.errored(errored, decidedAt);
        }
    }

    private void buildEvent(InboundEvent inbound) {
        if (!(inbound.event() instanceof BuildEvent event)) {
            ignore(inbound);
            return;
        }
        switch (event) {
            case BuildStarted started -> history.started(started);
            case StepStarted stepStarted -> history.stepStarted(stepStarted);
            case StepFinished stepFinished -> history.stepFinished(stepFinished);
            case ImageBuilt imageBuilt -> history.imageBuilt(imageBuilt);
            case ImagePushed imagePushed -> history.imagePushed(imagePushed);
            case BuildFinished finished -> history.finished(finished);
        }
    }

    private void log(InboundEvent inbound) {
        if (!(inbound.event() instanceof BuildLogEvent event)) {
            ignore(inbound);
            return;
        }
        switch (event) {
            case LogChunk chunk -> history.logged(chunk);
        }
    }

    private static void ignore(InboundEvent inbound) {
        // A known event on an unexpected topic is a producer's mistake, not a reason to stop consuming.
        log.warn("history ignores {} (event {}) on {}: it does not belong on this topic",
                inbound.envelope().eventType(), inbound.envelope().eventId(), inbound.topic());
    }
}
