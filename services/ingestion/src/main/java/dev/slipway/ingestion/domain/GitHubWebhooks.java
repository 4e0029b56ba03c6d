package dev.slipway.ingestion.domain;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * GitHub's webhook dialect: the repository is {@code repository.full_name}, the signature is
 * {@code X-Hub-Signature-256: sha256=<hex>} over the raw body, and {@link GitHubWebhookParser}
 * reads the events.
 */
public final class GitHubWebhooks implements WebhookProvider {

    /** The header that carries the signature. */
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    /** The header that names the event. */
    public static final String EVENT_HEADER = "X-GitHub-Event";
    /** The header that carries GitHub's id of the delivery; a redelivery keeps it. */
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";

    private static final String SIGNATURE_PREFIX = "sha256=";

    private final GitHubWebhookParser parser = new GitHubWebhookParser();

    @Override
    public String name() {
        return GitHubWebhookParser.PROVIDER;
    }

    @Override
    public Optional<String> repositoryName(JsonNode body) {
        return Optional.ofNullable(BodyFields.text(body.path("repository"), "full_name"));
    }

    @Override
    public SignatureCheck checkSignature(WebhookHeaders headers, byte[] body, WebhookSecret secret) {
        String header = headers.first(SIGNATURE_HEADER);
        if (header == null || header.isBlank()) {
            return SignatureCheck.MISSING;
        }
        if (!header.startsWith(SIGNATURE_PREFIX)) {
            return SignatureCheck.MALFORMED;
        }
        return HmacSha256.check(header.substring(SIGNATURE_PREFIX.length()), secret, body);
    }

    @Override
    public WebhookParseResult parse(String eventName, String deliveryId, JsonNode body,
                                    RegisteredRepository repository) {
        return parser.parse(eventName, deliveryId, body, repository);
    }
}
