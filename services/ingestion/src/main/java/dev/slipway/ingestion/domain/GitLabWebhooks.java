package dev.slipway.ingestion.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * GitLab's webhook dialect: the repository is {@code project.path_with_namespace} (which may hold
 * subgroups, {@code group/subgroup/project}), the body is not signed but carries the webhook's
 * secret token in {@code X-Gitlab-Token}, and {@link GitLabWebhookParser} reads the events.
 */
public final class GitLabWebhooks implements WebhookProvider {

    /** The header that names the event, such as {@code Push Hook}. */
    public static final String EVENT_HEADER = "X-Gitlab-Event";
    /**
     * The headers that identify the delivery, in the order they are looked for: the event's UUID,
     * which a retry keeps, and else the webhook's.
     */
    public static final List<String> DELIVERY_HEADERS = List.of("X-Gitlab-Event-UUID", "X-Gitlab-Webhook-UUID");
    /** The header that carries the webhook's secret token. */
    public static final String TOKEN_HEADER = "X-Gitlab-Token";

    private final GitLabWebhookParser parser = new GitLabWebhookParser();

    @Override
    public String name() {
        return GitLabWebhookParser.PROVIDER;
    }

    @Override
    public Optional<String> repositoryName(JsonNode body) {
        return Optional.ofNullable(BodyFields.text(body.path("project"), "path_with_namespace"));
    }

    /**
     * Compares the token with the secret. Both are hashed first and the digests compared in
     * constant time, so that neither the position of the first difference nor the secret's length
     * shows in how long the answer takes.
     */
    @Override
    public SignatureCheck checkSignature(WebhookHeaders headers, byte[] body, WebhookSecret secret) {
        String token = headers.first(TOKEN_HEADER);
        if (token == null || token.isEmpty()) {
            return SignatureCheck.MISSING;
        }
        return MessageDigest.isEqual(sha256(token.getBytes(StandardCharsets.UTF_8)), sha256(secret.keyBytes()))
                ? SignatureCheck.VALID : SignatureCheck.MISMATCH;
    }

    @Override
    public String explain(SignatureCheck check) {
        return switch (check) {
            case VALID -> "the token matches";
            case MISSING -> "the delivery carries no " + TOKEN_HEADER + "; give the webhook the secret token "
                    + "declared for the repository";
            case MALFORMED -> "the " + TOKEN_HEADER + " header is not usable";
            case MISMATCH -> "the " + TOKEN_HEADER + " does not match the repository's webhook secret; check that "
                    + "the webhook's secret token equals the one declared for the repository";
        };
    }

    @Override
    public WebhookParseResult parse(String eventName, String deliveryId, JsonNode body,
                                    RegisteredRepository repository) {
        return parser.parse(eventName, deliveryId, body, repository);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256, so this is a broken runtime, not bad input.
            throw new IllegalStateException("the Java runtime cannot compute SHA-256", e);
        }
    }
}
