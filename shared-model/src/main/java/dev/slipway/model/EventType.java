package dev.slipway.model;

import java.util.Objects;

/**
 * How one kind of event is named on the wire: its logical name, schema version and topic.
 *
 * @param name    the {@code event-type} header, such as {@code push.received}
 * @param version the {@code event-version} header
 * @param topic   the topic the event travels on
 * @param type    the record it is read into
 */
public record EventType<T extends SlipwayEvent>(String name, int version, String topic, Class<T> type) {

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        if (version < 1) {
            throw new IllegalArgumentException("version must be 1 or more");
        }
    }
}
