package dev.slipway.ingestion.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook bodies written by hand for the edge cases no captured payload shows, kept in this
 * module's test resources under {@code webhooks/<provider>/}.
 */
public final class HandWrittenWebhooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HandWrittenWebhooks() {
    }

    /** The body at {@code relative}, such as {@code github/push-tag-deleted.json}, as a JSON tree. */
    public static JsonNode json(String relative) {
        return JSON.readTree(bytes(relative));
    }

    /** The exact bytes of the body at {@code relative}, as a host would sign them. */
    public static byte[] bytes(String relative) {
        String resource = "/webhooks/" + relative;
        try (InputStream in = HandWrittenWebhooks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no hand-written webhook at " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
