package dev.slipway.model;

/** Names of the Kafka record headers that make up an event's envelope. */
public final class EnvelopeHeaders {

    /** The logical event name, such as {@code build.requested}. */
    public static final String EVENT_TYPE = "event-type";
    /** The schema version of the event's JSON, a positive integer. */
    public static final String EVENT_VERSION = "event-version";
    /** A UUID that identifies this one event; consumers deduplicate on it. */
    public static final String EVENT_ID = "event-id";
    /** When the event happened, as an ISO-8601 instant. */
    public static final String OCCURRED_AT = "occurred-at";
    /** The delivery or build that the event belongs to. */
    public static final String CORRELATION_ID = "correlation-id";
    /** The event id of the event that caused this one, if any. */
    public static final String CAUSATION_ID = "causation-id";
    /** On a dead-lettered record: why it could not be consumed. */
    public static final String DEAD_LETTER_ERROR = "dead-letter-error";
    /** On a dead-lettered record: the consumer group that gave up on it. */
    public static final String DEAD_LETTER_CONSUMER = "dead-letter-consumer";

    private EnvelopeHeaders() {
    }
}
