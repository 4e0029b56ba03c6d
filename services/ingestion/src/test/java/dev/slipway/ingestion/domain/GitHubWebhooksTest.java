package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GitHubWebhooksTest {

    private final GitHubWebhooks github = new GitHubWebhooks();

    @Test
    void acceptsTheSignatureThatGitHubSentWithTheCapturedPush() {
        // Verifies the HMAC against a signature known from go-scm's tests: push.json signed with "topsecret".
        byte[] body = CapturedWebhooks.read("github/go-scm/push.json");
        WebhookHeaders headers = headers(
                "sha256=e3bfe744d4e2e29ed990bde8acfb8255ca51ef65f99657767989fb6349f32957");

        assertThat(github.checkSignature(headers, body, WebhookSecret.of("topsecret"))).isEqualTo(SignatureCheck.VALID);
        assertThat(github.checkSignature(headers, body, WebhookSecret.of("othersecret")))
                .isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void refusesASignatureOfAChangedBody() {
        // Verifies that one changed byte in the body makes a correct signature of the original a mismatch.
        byte[] body = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
        WebhookSecret secret = WebhookSecret.of("s3cret");
        WebhookHeaders headers = headers("sha256=" + HmacSha256.sign(secret, body));
        byte[] changed = body.clone();
        changed[3] = 'R';

        assertThat(github.checkSignature(headers, body, secret)).isEqualTo(SignatureCheck.VALID);
        assertThat(github.checkSignature(headers, changed, secret)).isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void tellsAMissingSignatureFromAMalformedOne() {
        // Verifies that no header, a header without "sha256=", a short one and a non-hex one are told apart.
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookSecret secret = WebhookSecret.of("s3cret");
        String valid = HmacSha256.sign(secret, body);

        assertThat(github.checkSignature(WebhookHeaders.of(Map.of()), body, secret)).isEqualTo(SignatureCheck.MISSING);
        assertThat(github.checkSignature(headers("sha1=" + valid), body, secret)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(github.checkSignature(headers(valid), body, secret)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(github.checkSignature(headers("sha256=abc"), body, secret)).isEqualTo(SignatureCheck.MALFORMED);
        assertThat(github.checkSignature(headers("sha256=" + "z".repeat(64)), body, secret))
                .isEqualTo(SignatureCheck.MALFORMED);
        assertThat(github.checkSignature(headers("sha256=" + valid.toUpperCase()), body, secret))
                .as("hex digits in upper case are still the same signature").isEqualTo(SignatureCheck.VALID);
    }

    @Test
    void hidesTheSecretWhenPrinted() {
        // Verifies that a secret that ends up in a log line or an exception message shows no part of itself.
        assertThat(WebhookSecret.of("hunter2")).asString().doesNotContain("hunter2");
    }

    private static WebhookHeaders headers(String signature) {
        return WebhookHeaders.of(Map.of("X-Hub-Signature-256", List.of(signature)));
    }
}
