package dev.slipway.testkit.kafka;

import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;
import org.apache.kafka.common.header.Headers;

/**
 * A record that a probe read, with its envelope and event decoded where they could be.
 *
 * @param envelope the envelope, or {@code null} when the headers did not hold one
 * @param event    the event, or {@code null} when it could not be decoded
 */
public record ReceivedEvent(String topic, String key, Envelope envelope, SlipwayEvent event, byte[] value,
                            Headers headers) {

    /** Whether the event is a {@code type}. */
    public boolean is(Class<? extends SlipwayEvent> type) {
        return type.isInstance(event);
    }

    /** The event as a {@code type}. */
    public <T extends SlipwayEvent> T as(Class<T> type) {
        if (!type.isInstance(event)) {
            throw new AssertionError("expected a " + type.getSimpleName() + " on " + topic + " but got " + event);
        }
        return type.cast(event);
    }
}
