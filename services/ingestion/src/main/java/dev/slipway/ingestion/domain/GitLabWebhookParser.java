package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.ReleasePublished;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads GitLab deliveries, by their {@code X-Gitlab-Event}, into SCM events. Pure: the same input
 * always gives the same result.
 *
 * <p>{@code Push Hook} and {@code Tag Push Hook} become pushes, {@code Merge Request Hook} a pull
 * request whatever its action, and {@code Release Hook} a published release when its action is
 * {@code create}; a release's {@code update} and {@code delete}, and everything else (instance-wide
 * {@code System Hook}s, issues, pipelines), are ignored with the reason. GitLab sends no ping: its
 * test button sends a sample of the chosen event. Both push hooks
 * are read the same way, by their ref, since GitLab has been seen to send a tag push under
 * {@code Push Hook}. GitLab sends no head commit and no flags: a created ref has a null
 * {@code before} SHA, a deleted one a null {@code after} SHA and {@code checkout_sha: null}, and
 * the head commit is the listed commit that {@code checkout_sha} (or {@code after}) names.
 */
public final class GitLabWebhookParser {

    /** The provider name of GitLab deliveries. */
    public static final String PROVIDER = "gitlab";
    /** The event of a branch push. */
    public static final String PUSH_HOOK = "Push Hook";
    /** The event of a tag push. */
    public static final String TAG_PUSH_HOOK = "Tag Push Hook";
    /** The event of a merge request opened, updated, merged or closed. */
    public static final String MERGE_REQUEST_HOOK = "Merge Request Hook";
    /** The event of a release created, updated or deleted; only a created one is read. */
    public static final String RELEASE_HOOK = "Release Hook";

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
            case PUSH_HOOK, TAG_PUSH_HOOK -> PushFields.push(PROVIDER, deliveryId, body, repository, DIALECT);
            case MERGE_REQUEST_HOOK -> mergeRequest(deliveryId, body, repository);
            case RELEASE_HOOK -> release(deliveryId, body, repository);
            default -> new WebhookParseResult.Ignored("event " + eventName + " is not handled");
        };
    }

    /**
     * A merge request: its {@code object_attributes} carry the action, the {@code iid} and the
     * branches, and the tip is {@code last_commit}. One from a fork has a source project other than
     * the target, whose clone URL is kept.
     */
    private static WebhookParseResult mergeRequest(String deliveryId, JsonNode body, RegisteredRepository repository) {
        try {
            JsonNode request = BodyFields.requiredObject(body, "object_attributes", "object_attributes");
            String action = BodyFields.requiredText(request, "action", "object_attributes.action");
            JsonNode user = body.path("user");
            return new WebhookParseResult.Recognised(new PullRequestChanged(deliveryId, PROVIDER, repository.id(),
                    repository.name(), repository.cloneUrl(), action,
                    BodyFields.positiveNumber(request, "iid", "object_attributes.iid"),
                    BodyFields.text(request, "title"),
                    BodyFields.requiredText(request, "source_branch", "object_attributes.source_branch"),
                    BodyFields.requiredText(request.path("last_commit"), "id", "object_attributes.last_commit.id"),
                    BodyFields.requiredText(request, "target_branch", "object_attributes.target_branch"),
                    forkCloneUrl(request), "merged".equals(BodyFields.text(request, "state")) || "merge".equals(action),
                    BodyFields.firstOf(BodyFields.text(user, "username"), BodyFields.text(user, "name"))));
        } catch (BodyFields.Problem problem) {
            return problem.of(MERGE_REQUEST_HOOK);
        }
    }

    /**
     * A release created: its tag, name, notes ({@code description}) and commit. GitLab names no
     * actor and has no drafts, so a created release is a public one; an update or deletion is ignored.
     */
    private static WebhookParseResult release(String deliveryId, JsonNode body, RegisteredRepository repository) {
        try {
            String action = BodyFields.requiredText(body, "action", "action");
            if (!ReleaseActions.GITLAB.contains(action)) {
                return ReleaseActions.notPublishing(action, ReleaseActions.GITLAB);
            }
            return new WebhookParseResult.Recognised(new ReleasePublished(deliveryId, PROVIDER, repository.id(),
                    repository.name(), repository.cloneUrl(), action, BodyFields.requiredText(body, "tag", "tag"),
                    BodyFields.text(body, "name"), BodyFields.text(body, "description"),
                    BodyFields.text(body.path("commit"), "id"), false, null));
        } catch (BodyFields.Problem problem) {
            return problem.of(RELEASE_HOOK);
        }
    }

    private static String forkCloneUrl(JsonNode request) {
        JsonNode source = request.path("source_project_id");
        JsonNode target = request.path("target_project_id");
        if (!source.isNumber() || !target.isNumber() || source.longValue() == target.longValue()) {
            return null;
        }
        return BodyFields.text(request.path("source"), "git_http_url");
    }

    /** GitLab marks a deleted ref with an explicit null checkout_sha, and sends no head commit. */
    private static final PushFields.Dialect DIALECT = new PushFields.Dialect() {
        @Override
        public boolean deletes(JsonNode body) {
            // An explicit null, not an absent field: that is how GitLab marks the push of a deleted ref.
            return body.path("checkout_sha").isNull();
        }

        @Override
        public Commit head(JsonNode body, List<Commit> commits, String after) {
            return PushFields.withId(commits, BodyFields.firstOf(BodyFields.text(body, "checkout_sha"), after));
        }

        /** Who pushed: the user's login name, else the user's display name. */
        @Override
        public String sender(JsonNode body) {
            return BodyFields.firstOf(BodyFields.text(body, "user_username"), BodyFields.text(body, "user_name"));
        }
    };
}
