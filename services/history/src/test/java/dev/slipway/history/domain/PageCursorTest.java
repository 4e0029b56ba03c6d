package dev.slipway.history.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PageCursorTest {

    @Test
    void roundTripsThroughItsOpaqueText() {
        // A cursor read back from its own text names the same position.
        PageCursor cursor = new PageCursor(Instant.parse("2026-03-01T12:00:00.123456Z"),
                UUID.fromString("0b7e4a2c-3f1d-4c8e-9a6b-5d2e1f0a9c8b"));

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void isUrlSafeWithoutPadding() {
        // The cursor travels in a query string, so it must need no escaping.
        String text = new PageCursor(Instant.parse("2026-03-01T12:00:00Z"), UUID.randomUUID()).encode();

        assertThat(text).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void keepsMicrosecondsLikePostgresql() {
        // Nanoseconds that PostgreSQL cannot store would make the cursor skip or repeat a build.
        PageCursor cursor = new PageCursor(Instant.parse("2026-03-01T12:00:00.123456789Z"), UUID.randomUUID());

        assertThat(cursor.createdAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
    }

    @Test
    void rejectsTextThatIsNotBase64() {
        // Random text is refused with a reason, not read as some position.
        assertThatThrownBy(() -> PageCursor.decode("not a cursor!"))
                .isInstanceOf(PageCursor.MalformedCursorException.class)
                .hasMessageContaining("base64");
    }

    @Test
    void rejectsBase64ThatHoldsNoPosition() {
        // Well-formed base64 of something else is refused too.
        String text = Base64.getUrlEncoder().encodeToString("hello|world".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> PageCursor.decode(text))
                .isInstanceOf(PageCursor.MalformedCursorException.class)
                .hasMessageContaining("position");
    }

    @Test
    void rejectsAnEmptyCursor() {
        // An empty cursor is a client mistake worth naming.
        assertThatThrownBy(() -> PageCursor.decode(" "))
                .isInstanceOf(PageCursor.MalformedCursorException.class)
                .hasMessageContaining("empty");
    }
}
