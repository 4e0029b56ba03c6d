package dev.slipway.ingestion.domain;

import dev.slipway.model.Fields;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads Gitea and Forgejo deliveries, by their {@code X-Gitea-Event} (or {@code X-Forgejo-Event}),
 * into SCM events. Pure: the same input always gives the same result.
 *
 * <p>For now only {@code push} becomes an event; everything else is ignored with its name in the
 * reason. Gitea's push bodies resemble GitHub's but are not the same: older versions send no
 * {@code created}/{@code deleted} flags and no {@code head_commit}, so a deletion is recognised by
 * its null {@code after} SHA, and the head commit is the listed commit that {@code after} names.
 */
public final class GiteaWebhookParser {

    /** The provider name of Gitea and Forgejo deliveries: Forgejo is a fork that keeps Gitea's dialect. */
    public static final String PROVIDER = "gitea";

    /**
     * What a verified Gitea or Forgejo delivery means.
     *
     * @param eventName  the {@code X-Gitea-Event} or {@code X-Forgejo-Event} header
     * @param deliveryId the {@code X-Gitea-Delivery} or {@code X-Forgejo-Delivery} header
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
        String after = PushFields.text(body, "after");
        if (after == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'after', the SHA the ref now points to");
        }
        if (PushFields.isNullSha(after)) {
            return new WebhookParseResult.Ignored("ref deleted");
        }
        if (!PushFields.isBranchOrTag(ref)) {
            return new WebhookParseResult.Ignored("ref " + ref + " is neither a branch nor a tag");
        }
        try {
            List<Commit> commits = PushFields.commits(body.path("commits"), "commits");
            Commit head = PushFields.commit(body.path("head_commit"), "head_commit");
            if (head == null) {
                head = PushFields.withId(commits, after);
            }
            return new WebhookParseResult.Recognised(new PushReceived(deliveryId, PROVIDER, repository.id(),
                    repository.name(), repository.cloneUrl(), ref, PushFields.text(body, "before"), after, head,
                    commits, sender(body)));
        } catch (Fields.MissingFieldException e) {
            return new WebhookParseResult.Malformed("the push delivery lacks " + e.field());
        }
    }

    /** Who pushed: the sender's login, else the pusher's login or user name. */
    private static String sender(JsonNode body) {
        JsonNode pusher = body.path("pusher");
        return PushFields.firstOf(PushFields.text(body.path("sender"), "login"), PushFields.text(pusher, "login"),
                PushFields.text(pusher, "username"));
    }
}
