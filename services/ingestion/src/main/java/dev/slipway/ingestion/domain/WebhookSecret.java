package dev.slipway.ingestion.domain;

import java.nio.charset.StandardCharsets;

/**
 * The shared secret that a repository's webhooks are signed with. It never appears in logs,
 * answers or events, so {@link #toString()} hides it.
 */
public final class WebhookSecret {

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /** The secret as configured; it must not be empty, since an empty key signs nothing. */
    public static WebhookSecret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        return new WebhookSecret(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The key bytes for an HMAC; a copy, so that no caller can change the secret. */
    public byte[] keyBytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "WebhookSecret[****]";
    }
}
