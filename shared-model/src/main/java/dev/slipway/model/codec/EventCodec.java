package dev.slipway.model.codec;

import dev.slipway.model.EventCatalog;
import dev.slipway.model.EventType;
import dev.slipway.model.Fields.MissingFieldException;
import dev.slipway.model.SlipwayEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into JSON and back. Unknown fields are tolerated, so that a consumer can read an
 * event written by a newer producer of the same version; a missing required field is an error
 * that names the field. Thread-safe.
 */
public final class EventCodec {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    /** The JSON of {@code event}. */
    public byte[] encode(SlipwayEvent event) {
        EventCatalog.typeOf(event);
        return mapper.writeValueAsBytes(event);
    }

    /** Reads {@code json} as the event named by the {@code event-type} and {@code event-version} headers. */
    public SlipwayEvent decode(String eventType, int eventVersion, byte[] json) {
        EventType<?> type = EventCatalog.find(eventType, eventVersion)
                .orElseThrow(() -> new EventDecodingException(
                        "unknown event " + eventType + " v" + eventVersion + ": this version of Slipway does not know it"));
        return decode(type, json);
    }

    /** Reads {@code json} as an event of {@code type}. */
    public <T extends SlipwayEvent> T decode(EventType<T> type, byte[] json) {
        String what = type.name() + " v" + type.version();
        try {
            T event = mapper.readValue(json, type.type());
            if (event == null) {
                throw new EventDecodingException(what + ": the payload is JSON null");
            }
            return event;
        } catch (JacksonException e) {
            MissingFieldException missing = findCause(e, MissingFieldException.class);
            if (missing != null) {
                throw new EventDecodingException(what + ": " + missing.getMessage(), e);
            }
            if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
                throw new EventDecodingException(what + ": field '" + fieldPath(mismatch) + "' is missing or invalid: "
                        + mismatch.getOriginalMessage(), e);
            }
            IllegalArgumentException invalid = findCause(e, IllegalArgumentException.class);
            if (invalid != null) {
                throw new EventDecodingException(what + ": " + invalid.getMessage(), e);
            }
            throw new EventDecodingException(what + ": not a valid payload: " + e.getOriginalMessage(), e);
        }
    }

    private static String fieldPath(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <E extends Throwable> E findCause(Throwable t, Class<E> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
