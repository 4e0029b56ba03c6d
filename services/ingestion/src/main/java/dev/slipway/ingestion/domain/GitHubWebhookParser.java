package dev.slipway.ingestion.domain;

import dev.slipway.model.Fields;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
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
        String ref = PushFields.text(body, "ref");
        if (ref == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)");
        }
        if (body.path("deleted").asBoolean(false)) {
            return new WebhookParseResult.Ignored("ref deleted");
        }
        if (!PushFields.isBranchOrTag(ref)) {
            return new WebhookParseResult.Ignored("ref " + ref + " is neither a branch nor a tag");
        }
        String after = PushFields.text(body, "after");
        if (after == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'after', the SHA the ref now points to");
        }
        try {
            Commit head = PushFields.commit(body.path("head_commit"), "head_commit");
            List<Commit> commits = PushFields.commits(body.path("commits"), "commits");
            return new WebhookParseResult.Recognised(new PushReceived(deliveryId, PROVIDER, repository.id(),
                    repository.name(), repository.cloneUrl(), ref, PushFields.text(body, "before"), after, head,
                    commits, sender(body)));
        } catch (Fields.MissingFieldException e) {
            return new WebhookParseResult.Malformed("the push delivery lacks " + e.field());
        }
    }

    /** Who pushed: the account's login, or the pusher's name on hosts that send no sender. */
    private static String sender(JsonNode body) {
        return PushFields.firstOf(PushFields.text(body.path("sender"), "login"),
                PushFields.text(body.path("pusher"), "name"));
    }
}
