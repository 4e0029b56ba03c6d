package dev.slipway.ingestion.domain;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * One git host's webhook dialect: where its bodies name the repository, how it signs them, and
 * what its events mean. Implementations are pure and thread-safe; a new git host is a new
 * implementation, and nothing else in the service changes.
 */
public interface WebhookProvider {

    /** The provider's name as in repository ids and declarations: {@code github}, {@code gitea}, {@code gitlab}. */
    String name();

    /** The {@code owner/name} of the repository that {@code body} is about, if it names one. */
    Optional<String> repositoryName(JsonNode body);

    /** Checks the delivery's signature over its raw {@code body} against the repository's secret. */
    SignatureCheck checkSignature(WebhookHeaders headers, byte[] body, WebhookSecret secret);

    /**
     * What {@code check} means for this provider's deliveries, in words a sender can act on; hosts
     * that send a plain token rather than a signature say so here.
     */
    default String explain(SignatureCheck check) {
        return check.explanation();
    }

    /**
     * What a verified delivery means.
     *
     * @param eventName  the provider's event header, such as GitHub's {@code X-GitHub-Event}
     * @param deliveryId the provider's delivery id
     * @param body       the delivery's JSON object
     * @param repository the registered repository the body named; its clone URL is the one events carry
     */
    WebhookParseResult parse(String eventName, String deliveryId, JsonNode body, RegisteredRepository repository);
}
