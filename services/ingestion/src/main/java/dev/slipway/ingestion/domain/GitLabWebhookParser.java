package dev.slipway.ingestion.domain;

import dev.slipway.model.Fields;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads GitLab deliveries, by their {@code X-Gitlab-Event}, into SCM events. Pure: the same input
 * always gives the same result.
 *
 * <p>For now only {@code Push Hook} and {@code Tag Push Hook} become events; everything else
 * (merge requests, releases, instance-wide {@code System Hook}s) is ignored with its name in the
 * reason. Both push hooks are read the same way, by their ref, since GitLab has been seen to send a
 * tag push under {@code Push Hook}. GitLab sends no head commit and no deletion flag: a deleted
 * ref has a null {@code after} SHA and {@code checkout_sha: null}, and the head commit is the
 * listed commit that {@code checkout_sha} (or {@code after}) names.
 */
public final class GitLabWebhookParser {

    /** The provider name of GitLab deliveries. */
    public static final String PROVIDER = "gitlab";
    /** The event of a branch push. */
    public static final String PUSH_HOOK = "Push Hook";
    /** The event of a tag push. */
    public static final String TAG_PUSH_HOOK = "Tag Push Hook";

    /**
     * What a verified GitLab delivery means.
     *
     * @param eventName  the {@code X-Gitlab-Event} header
     * @param deliveryId the {@code X-Gitlab-Event-UUID} (or {@code X-Gitlab-Webhook-UUID}) header
     * @param body       the delivery's JSON object
     * @param repository the declared repository that the body's {@code project.path_with_namespace} named
     */
    public WebhookParseResult parse(String eventName, String deliveryId, JsonNode body,
                                    RegisteredRepository repository) {
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(repository, "repository");
        return switch (eventName) {
            case PUSH_HOOK, TAG_PUSH_HOOK -> push(deliveryId, body, repository);
            default -> new WebhookParseResult.Ignored("event " + eventName + " is not handled");
        };
    }

    private WebhookParseResult push(String deliveryId, JsonNode body, RegisteredRepository repository) {
        String ref = PushFields.text(body, "ref");
        if (ref == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)");
        }
        String after = PushFields.text(body, "after");
        if (after == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'after', the SHA the ref now points to");
        }
        // An explicit null, not an absent field: that is how GitLab marks the push of a deleted ref.
        if (PushFields.isNullSha(after) || body.path("checkout_sha").isNull()) {
            return new WebhookParseResult.Ignored("ref deleted");
        }
        if (!PushFields.isBranchOrTag(ref)) {
            return new WebhookParseResult.Ignored("ref " + ref + " is neither a branch nor a tag");
        }
        try {
            List<Commit> commits = PushFields.commits(body.path("commits"), "commits");
            String checkout = PushFields.firstOf(PushFields.text(body, "checkout_sha"), after);
            return new WebhookParseResult.Recognised(new PushReceived(deliveryId, PROVIDER, repository.id(),
                    repository.name(), repository.cloneUrl(), ref, PushFields.text(body, "before"), after,
                    PushFields.withId(commits, checkout), commits, sender(body)));
        } catch (Fields.MissingFieldException e) {
            return new WebhookParseResult.Malformed("the push delivery lacks " + e.field());
        }
    }

    /** Who pushed: the user's login name, else the user's display name. */
    private static String sender(JsonNode body) {
        return PushFields.firstOf(PushFields.text(body, "user_username"), PushFields.text(body, "user_name"));
    }
}
