package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHeadersTest {

    @Test
    void redactsSignaturesAndCredentialsButKeepsTheirNames() {
        // Verifies that the stored headers show that a signature or token was sent, but not its value.
        Map<String, List<String>> sent = new LinkedHashMap<>();
        sent.put("X-Hub-Signature-256", List.of("sha256=abc"));
        sent.put("X-Hub-Signature", List.of("sha1=abc"));
        sent.put("X-Gitlab-Token", List.of("plain-secret"));
        sent.put("Authorization", List.of("Bearer t0ken"));
        sent.put("X-GitHub-Event", List.of("push"));
        sent.put("Accept", List.of("*/*", "application/json"));

        Map<String, String> stored = WebhookHeaders.of(sent).redacted();

        assertThat(stored).containsEntry("x-hub-signature-256", WebhookHeaders.REDACTED)
                .containsEntry("x-hub-signature", WebhookHeaders.REDACTED)
                .containsEntry("x-gitlab-token", WebhookHeaders.REDACTED)
                .containsEntry("authorization", WebhookHeaders.REDACTED)
                .containsEntry("x-github-event", "push")
                .containsEntry("accept", "*/*, application/json");
        assertThat(stored.values()).noneMatch(v -> v.contains("abc") || v.contains("secret") || v.contains("t0ken"));
    }

    @Test
    void findsHeadersWhateverTheirCase() {
        // Verifies that header names match without regard to case, as HTTP requires.
        WebhookHeaders headers = WebhookHeaders.of(Map.of("x-github-delivery", List.of("72d3162e")));

        assertThat(headers.first("X-GitHub-Delivery")).isEqualTo("72d3162e");
        assertThat(headers.first("X-GitHub-Event")).isNull();
    }
}
