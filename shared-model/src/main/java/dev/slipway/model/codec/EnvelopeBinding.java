package dev.slipway.model.codec;

import dev.slipway.model.Envelope;
import dev.slipway.model.EnvelopeHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Writes envelopes into Kafka headers and reads them back, as UTF-8 text. */
public final class EnvelopeBinding {

    private EnvelopeBinding() {
    }

    /** Adds the envelope's headers to {@code headers}. */
    public static void write(Envelope envelope, Headers headers) {
        put(headers, EnvelopeHeaders.EVENT_TYPE, envelope.eventType());
        put(headers, EnvelopeHeaders.EVENT_VERSION, Integer.toString(envelope.eventVersion()));
        put(headers, EnvelopeHeaders.EVENT_ID, envelope.eventId().toString());
        put(headers, EnvelopeHeaders.OCCURRED_AT, envelope.occurredAt().toString());
        put(headers, EnvelopeHeaders.CORRELATION_ID, envelope.correlationId());
        if (envelope.causationId() != null) {
            put(headers, EnvelopeHeaders.CAUSATION_ID, envelope.causationId());
        }
    }

    /**
     * The envelope carried by {@code headers}.
     *
     * @throws EventDecodingException when a header is missing or malformed; the message names it
     */
    public static Envelope read(Headers headers) {
        String type = required(headers, EnvelopeHeaders.EVENT_TYPE);
        String version = required(headers, EnvelopeHeaders.EVENT_VERSION);
        String id = required(headers, EnvelopeHeaders.EVENT_ID);
        String occurredAt = required(headers, EnvelopeHeaders.OCCURRED_AT);
        String correlation = required(headers, EnvelopeHeaders.CORRELATION_ID);
        try {
            return new Envelope(type, Integer.parseInt(version), UUID.fromString(id), Instant.parse(occurredAt),
                    correlation, text(headers.lastHeader(EnvelopeHeaders.CAUSATION_ID)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new EventDecodingException("malformed envelope header: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new EventDecodingException("malformed envelope: " + e.getMessage(), e);
        }
    }

    private static String required(Headers headers, String name) {
        String value = text(headers.lastHeader(name));
        if (value == null || value.isBlank()) {
            throw new EventDecodingException("record has no '" + name + "' header");
        }
        return value;
    }

    private static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
