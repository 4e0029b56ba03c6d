package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.Commit;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads Gitea and Forgejo deliveries, by their {@code X-Gitea-Event} (or {@code X-Forgejo-Event}),
 * into SCM events. Pure: the same input always gives the same result.
 *
 * <p>{@code push}, {@code create} and {@code delete} of a tag, a {@code release} made public and
 * {@code pull_request} (whatever its action) become events; a branch's {@code create} or
 * {@code delete} (its push says the same), a release's other actions and every other event are
 * ignored with the reason. Gitea sends no {@code ping}: its test delivery is a push. Gitea's
 * bodies resemble GitHub's but are not the same: older versions send no {@code created}/{@code deleted}
 * flags and no {@code head_commit}, so a push's flags come from its SHAs (a null {@code before}
 * creates, a null {@code after} deletes), and its head commit is the listed commit that {@code after}
 * names.
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
            case "push" -> PushFields.push(PROVIDER, deliveryId, body, repository, DIALECT);
            case "create" -> GitHubShapedEvents.ref(PROVIDER, eventName, deliveryId, body, repository, true);
            case "delete" -> GitHubShapedEvents.ref(PROVIDER, eventName, deliveryId, body, repository, false);
            case "release" -> GitHubShapedEvents.release(PROVIDER, deliveryId, body, repository, ReleaseActions.GITEA);
            case "pull_request" -> GitHubShapedEvents.pullRequest(PROVIDER, deliveryId, body, repository);
            default -> new WebhookParseResult.Ignored("event " + eventName + " is not handled");
        };
    }

    /** Older Gitea sends no flags and no head commit: the flags come from the SHAs, and the head is found by id. */
    private static final PushFields.Dialect DIALECT = new PushFields.Dialect() {
        @Override
        public boolean deletes(JsonNode body) {
            return false;
        }

        @Override
        public Commit head(JsonNode body, List<Commit> commits, String after) {
            Commit head = PushFields.commit(body.path("head_commit"), "head_commit");
            return head != null ? head : PushFields.withId(commits, after);
        }

        /** Who pushed: the sender's login, else the pusher's login or user name. */
        @Override
        public String sender(JsonNode body) {
            JsonNode pusher = body.path("pusher");
            return BodyFields.firstOf(GitHubShapedEvents.sender(body), BodyFields.text(pusher, "login"),
                    BodyFields.text(pusher, "username"));
        }
    };
}
