package dev.slipway.ingestion.domain;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a webhook's raw body into its JSON document. The signature is always checked over the
 * raw bytes, so decoding never changes them; it only reads them.
 */
public final class WebhookBody {

    private static final String FORM_FIELD = "payload";
    private static final int MAX_PROBLEM_LENGTH = 300;

    // Jackson's default caps (such as 20 M characters per string) are below what a body within
    // the size limit may hold; the size limit is the only cap a delivery is held to.
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxStringLength(WebhookLimits.MAX_BODY_BYTES)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WebhookBody() {
    }

    /** The JSON object carried by {@code body}, or why there is none. */
    public static Decoded decode(byte[] body, BodyEncoding encoding) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(encoding, "encoding");
        byte[] json = body;
        if (encoding == BodyEncoding.FORM) {
            String payload;
            try {
                payload = formField(new String(body, StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException badEscape) {
                return new Decoded.Unreadable(Rejection.MALFORMED_PAYLOAD,
                        "the form body is not URL-encoded correctly: " + badEscape.getMessage());
            }
            if (payload == null) {
                return new Decoded.Unreadable(Rejection.MALFORMED_PAYLOAD,
                        "the form body has no 'payload' field; a form-encoded webhook sends its JSON as payload=<json>");
            }
            json = payload.getBytes(StandardCharsets.UTF_8);
        }
        if (json.length == 0) {
            return new Decoded.Unreadable(Rejection.MALFORMED_JSON, "the body is empty; expected a JSON object");
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            return new Decoded.Unreadable(Rejection.MALFORMED_JSON, "the body is not valid JSON: " + describe(e));
        }
        if (node == null || !node.isObject()) {
            return new Decoded.Unreadable(Rejection.MALFORMED_PAYLOAD,
                    "the body is JSON but not an object; a webhook payload is a JSON object");
        }
        return new Decoded.Json(node);
    }

    private static String formField(String form) {
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (name.equals(FORM_FIELD)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message != null && message.length() > MAX_PROBLEM_LENGTH) {
            message = message.substring(0, MAX_PROBLEM_LENGTH) + "...";
        }
        var location = e.getLocation();
        return location == null ? message
                : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** The outcome of decoding a body. */
    public sealed interface Decoded {

        /** The body carries this JSON object. */
        record Json(JsonNode document) implements Decoded {
            public Json {
                Objects.requireNonNull(document, "document");
            }
        }

        /** The body carries no usable JSON object; {@code problem} says why in words. */
        record Unreadable(Rejection rejection, String problem) implements Decoded {
            public Unreadable {
                Objects.requireNonNull(rejection, "rejection");
                Objects.requireNonNull(problem, "problem");
            }
        }
    }
}
