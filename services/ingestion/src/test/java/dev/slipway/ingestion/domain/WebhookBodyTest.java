package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookBodyTest {

    @Test
    void readsAJsonBodyAsItsObject() {
        // Verifies that a JSON body decodes to its object.
        WebhookBody.Decoded decoded = WebhookBody.decode(bytes("{\"zen\": \"Design for failure.\"}"), BodyEncoding.JSON);

        assertThat(decoded).isInstanceOf(WebhookBody.Decoded.Json.class);
        assertThat(((WebhookBody.Decoded.Json) decoded).document().path("zen").stringValue()).isEqualTo("Design for failure.");
    }

    @Test
    void readsTheJsonOfAFormBodyFromItsPayloadField() {
        // Verifies GitHub's form encoding: payload=<url-encoded JSON>, wherever the field stands among others.
        String json = "{\"ref\": \"refs/heads/main\", \"message\": \"a+b & c=d ü\"}";
        byte[] form = bytes("other=1&payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8));

        WebhookBody.Decoded decoded = WebhookBody.decode(form, BodyEncoding.FORM);

        assertThat(decoded).isInstanceOf(WebhookBody.Decoded.Json.class);
        assertThat(((WebhookBody.Decoded.Json) decoded).document().path("message").stringValue()).isEqualTo("a+b & c=d ü");
    }

    @Test
    void callsBrokenJsonMalformedJsonAndSaysWhere() {
        // Verifies that truncated JSON, trailing garbage and an empty body are malformed JSON, with a location.
        assertThat(WebhookBody.decode(bytes("{\"ref\": \"refs/he"), BodyEncoding.JSON))
                .isInstanceOfSatisfying(WebhookBody.Decoded.Unreadable.class, u -> {
                    assertThat(u.rejection()).isEqualTo(Rejection.MALFORMED_JSON);
                    assertThat(u.problem()).startsWith("the body is not valid JSON").contains("line 1");
                });
        assertThat(WebhookBody.decode(bytes("{} trailing"), BodyEncoding.JSON))
                .isInstanceOfSatisfying(WebhookBody.Decoded.Unreadable.class,
                        u -> assertThat(u.rejection()).isEqualTo(Rejection.MALFORMED_JSON));
        assertThat(WebhookBody.decode(new byte[0], BodyEncoding.JSON))
                .isInstanceOfSatisfying(WebhookBody.Decoded.Unreadable.class,
                        u -> assertThat(u.rejection()).isEqualTo(Rejection.MALFORMED_JSON));
    }

    @Test
    void callsJsonThatIsNotAnObjectAMalformedPayload() {
        // Verifies that valid JSON which is not an object is refused as a payload of the wrong shape.
        assertThat(WebhookBody.decode(bytes("[1, 2]"), BodyEncoding.JSON))
                .isInstanceOfSatisfying(WebhookBody.Decoded.Unreadable.class,
                        u -> assertThat(u.rejection()).isEqualTo(Rejection.MALFORMED_PAYLOAD));
    }

    @Test
    void callsAFormWithoutPayloadOrWithBadEscapesMalformed() {
        // Verifies that a form body lacking the payload field, or with a broken %-escape, is a malformed payload.
        assertThat(WebhookBody.decode(bytes("other=1"), BodyEncoding.FORM))
                .isInstanceOfSatisfying(WebhookBody.Decoded.Unreadable.class, u -> {
                    assertThat(u.rejection()).isEqualTo(Rejection.MALFORMED_PAYLOAD);
                    assertThat(u.problem()).contains("'payload'");
                });
        assertThat(WebhookBody.decode(bytes("payload=%7"), BodyEncoding.FORM))
                .isInstanceOfSatisfying(WebhookBody.Decoded.Unreadable.class,
                        u -> assertThat(u.rejection()).isEqualTo(Rejection.MALFORMED_PAYLOAD));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
