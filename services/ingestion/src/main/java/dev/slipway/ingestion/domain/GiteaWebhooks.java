package dev.slipway.ingestion.domain;

import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Gitea's and Forgejo's webhook dialect: the repository is {@code repository.full_name}, the
 * signature is the bare hex HMAC-SHA256 of the raw body in {@code X-Gitea-Signature} (Forgejo:
 * {@code X-Forgejo-Signature}), and {@link GiteaWebhookParser} reads the events.
 *
 * <p>Each header is looked for under Gitea's name first: Forgejo sends both names, and a Gitea
 * delivery also carries GitHub's and Gogs' event headers, which are ignored here.
 */
public final class GiteaWebhooks implements WebhookProvider {

    /** The headers that name the event, in the order they are looked for. */
    public static final List<String> EVENT_HEADERS = List.of("X-Gitea-Event", "X-Forgejo-Event");
    /** The headers that carry the host's id of the delivery, in the order they are looked for. */
    public static final List<String> DELIVERY_HEADERS = List.of("X-Gitea-Delivery", "X-Forgejo-Delivery");
    /** The headers that carry the signature, in the order they are looked for. */
    public static final List<String> SIGNATURE_HEADERS = List.of("X-Gitea-Signature", "X-Forgejo-Signature");

    private final GiteaWebhookParser parser = new GiteaWebhookParser();

    @Override
    public String name() {
        return GiteaWebhookParser.PROVIDER;
    }

    @Override
    public Optional<String> repositoryName(JsonNode body) {
        return Optional.ofNullable(BodyFields.text(body.path("repository"), "full_name"));
    }

    @Override
    public SignatureCheck checkSignature(WebhookHeaders headers, byte[] body, WebhookSecret secret) {
        for (String name : SIGNATURE_HEADERS) {
            String signature = headers.first(name);
            if (signature != null && !signature.isBlank()) {
                return HmacSha256.check(signature.strip(), secret, body);
            }
        }
        return SignatureCheck.MISSING;
    }

    @Override
    public WebhookParseResult parse(String eventName, String deliveryId, JsonNode body,
                                    RegisteredRepository repository) {
        return parser.parse(eventName, deliveryId, body, repository);
    }
}
