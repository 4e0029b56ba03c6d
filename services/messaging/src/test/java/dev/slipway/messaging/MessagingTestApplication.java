package dev.slipway.messaging;

import dev.slipway.messaging.consumer.IdempotentConsumer;
import dev.slipway.messaging.consumer.InboundEvent;
import dev.slipway.model.Topics;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A minimal service for the messaging library's tests: it only consumes build commands. */
@SpringBootApplication
class MessagingTestApplication {

    /** Records what the listener handled, so tests can see whether a record got through. */
    @Component
    static class CommandListener {
        final List<InboundEvent> handled = new CopyOnWriteArrayList<>();
        private final IdempotentConsumer consumer;

        CommandListener(IdempotentConsumer consumer) {
            this.consumer = consumer;
        }

        @KafkaListener(topics = Topics.BUILD_COMMANDS, groupId = "messaging-test")
        void on(ConsumerRecord<String, byte[]> record) {
            consumer.process("messaging-test", record, handled::add);
        }
    }
}
