package dev.slipway.history.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a page of a list ended: the time and id of its last item, since builds and decisions are
 * both listed newest first by exactly that pair. On the wire it is opaque (URL-safe base64), so
 * that clients do not build cursors themselves and the encoding may change.
 *
 * @param createdAt when the last item of the page was created (or decided), to the microsecond (PostgreSQL's precision)
 * @param id        the id of the last item of the page
 */
public record PageCursor(Instant createdAt, UUID id) {

    private static final String SEPARATOR = "|";

    public PageCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The opaque text a client sends back to get the next page. */
    public String encode() {
        String plain = createdAt + SEPARATOR + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor that {@link #encode()} wrote.
     *
     * @throws MalformedCursorException when {@code text} is not such a cursor
     */
    public static PageCursor decode(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedCursorException("the cursor is empty");
        }
        String plain;
        try {
            plain = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedCursorException("the cursor is not URL-safe base64");
        }
        int split = plain.indexOf(SEPARATOR);
        if (split < 0) {
            throw new MalformedCursorException("the cursor does not hold a position in the list");
        }
        try {
            return new PageCursor(Instant.parse(plain.substring(0, split)), UUID.fromString(plain.substring(split + 1)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new MalformedCursorException("the cursor does not hold a position in the list");
        }
    }

    /** A cursor that this service did not write. */
    public static final class MalformedCursorException extends IllegalArgumentException {
        public MalformedCursorException(String message) {
            super(message);
        }
    }
}
