package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.Commit;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads GitHub deliveries, by their {@code X-GitHub-Event}, into SCM events. Pure: the same input
 * always gives the same result, and nothing but the arguments is read.
 *
 * <p>For now only {@code push} becomes an event. Everything else is ignored with its name in the
 * reason, so that a user can see in the delivery log why a webhook did not build. In particular
 * GitHub announces a new tag twice, as a {@code push} with {@code created: true} and as a
 * {@code create}; only the push is acted on, so a tag builds at most once.
 */
public final class GitHubWebhookParser {

    /** The provider name of GitHub deliveries. */
    public static final String PROVIDER = "github";

    /**
     * What a verified GitHub delivery means.
     *
     * @param eventName  the {@code X-GitHub-Event} header
     * @param deliveryId the {@code X-GitHub-Delivery} header
     * @param body       the delivery's JSON object
     * @param repository the declared repository that the body's {@code repository.full_name} named
     */
    public WebhookParseResult parse(String eventName, String deliveryId, JsonNode body,
                                    RegisteredRepository repository) {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(repository, "repository");
        return switch (eventName) {
            case "push" -> push(deliveryId, body, repository);
            case "ping" -> new WebhookParseResult.Ignored("ping");
            default -> new WebhookParseResult.Ignored("event " + eventName + " is not handled");
        };
    }

    private WebhookParseResult push(String deliveryId, JsonNode body, RegisteredRepository repository) {
        return PushFields.push(PROVIDER, deliveryId, body, repository, DIALECT);
    }

    /** GitHub flags deletions itself, sends the head commit, and names the pusher's account. */
    private static final PushFields.Dialect DIALECT = new PushFields.Dialect() {
        @Override
        public boolean deletes(JsonNode body, String after) {
            return false;
        }

        @Override
        public Commit head(JsonNode body, List<Commit> commits, String after) {
            return PushFields.commit(body.path("head_commit"), "head_commit");
        }

        /** Who pushed: the account's login, or the pusher's name on hosts that send no sender. */
        @Override
        public String sender(JsonNode body) {
            return PushFields.firstOf(PushFields.text(body.path("sender"), "login"),
                    PushFields.text(body.path("pusher"), "name"));
        }
    };
}
