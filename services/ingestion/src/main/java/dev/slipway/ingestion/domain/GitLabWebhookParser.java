package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.Commit;
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
        return PushFields.push(PROVIDER, deliveryId, body, repository, DIALECT);
    }

    /** GitLab marks a deleted ref with a null SHA or an explicit null checkout_sha, and sends no head commit. */
    private static final PushFields.Dialect DIALECT = new PushFields.Dialect() {
        @Override
        public boolean deletes(JsonNode body, String after) {
            // An explicit null, not an absent field: that is how GitLab marks the push of a deleted ref.
            return PushFields.isNullSha(after) || body.path("checkout_sha").isNull();
        }

        @Override
        public Commit head(JsonNode body, List<Commit> commits, String after) {
            return PushFields.withId(commits, PushFields.firstOf(PushFields.text(body, "checkout_sha"), after));
        }

        /** Who pushed: the user's login name, else the user's display name. */
        @Override
        public String sender(JsonNode body) {
            return PushFields.firstOf(PushFields.text(body, "user_username"), PushFields.text(body, "user_name"));
        }
    };
}
