package dev.slipway.testkit.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook request as a git host would send it: headers and the exact body bytes that any
 * signature among the headers was computed over. Immutable; the {@code with...} methods return
 * changed copies and never re-sign, so a test can send a tampered delivery on purpose.
 */
public final class WebhookDelivery {

    private final Map<String, String> headers;
    private final byte[] body;

    WebhookDelivery(Map<String, String> headers, byte[] body) {
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.body = body.clone();
    }

    /** The headers, in the order GitHub sends them, with GitHub's capitalisation. */
    public Map<String, String> headers() {
        return headers;
    }

    /** A header's value, whatever the case of {@code name}, or {@code null}. */
    public String header(String name) {
        return headers.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** The event name, from {@code X-GitHub-Event}. */
    public String event() {
        return header(GitHubWebhook.EVENT_HEADER);
    }

    /** The delivery id, from {@code X-GitHub-Delivery}. */
    public String deliveryId() {
        return header(GitHubWebhook.DELIVERY_HEADER);
    }

    /** The body, byte for byte as signed; a copy. */
    public byte[] body() {
        return body.clone();
    }

    /** The body as UTF-8 text. */
    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The same headers, signatures included, with another body. */
    public WebhookDelivery withBody(byte[] otherBody) {
        return new WebhookDelivery(headers, otherBody);
    }

    /** The same delivery with {@code name} set to {@code value}, replacing a header of that name in any case. */
    public WebhookDelivery withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.keySet().removeIf(key -> key.equalsIgnoreCase(name));
        changed.put(name, Objects.requireNonNull(value, "value"));
        return new WebhookDelivery(changed, body);
    }

    /** The same delivery without header {@code name}, in any case. */
    public WebhookDelivery withoutHeader(String name) {
        Map<String, String> changed = new LinkedHashMap<>(headers);
        changed.keySet().removeIf(key -> key.equalsIgnoreCase(name));
        return new WebhookDelivery(changed, body);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookDelivery that && headers.equals(that.headers) && Arrays.equals(body, that.body);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "WebhookDelivery[" + event() + " " + deliveryId() + ", " + body.length + " bytes]";
    }
}
