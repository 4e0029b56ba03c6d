package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PingReceived;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Reads GitHub deliveries, by their {@code X-GitHub-Event}, into SCM events. Pure: the same input
 * always gives the same result, and nothing but the arguments is read.
 *
 * <p>{@code push} (deletions included), {@code create} and {@code delete} of a tag, a
 * {@code release} made public, {@code pull_request} (whatever its action) and {@code ping} become
 * events: the parser says what happened, and filtering decides what deserves a build. A branch's
 * {@code create} or {@code delete}, a release's other actions, and every event Slipway has no use
 * for, are ignored with the reason, so that a user can see in the delivery log why a webhook did not
 * build. GitHub announces a new tag twice, as a {@code push} with {@code created: true} and as a
 * {@code create}, and a deleted one likewise; both are passed on, as the separate deliveries they
 * are. A new branch is announced the same two ways, and only its push is passed on.
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
            case "push" -> PushFields.push(PROVIDER, deliveryId, body, repository, DIALECT);
            case "create" -> GitHubShapedEvents.ref(PROVIDER, eventName, deliveryId, body, repository, true);
            case "delete" -> GitHubShapedEvents.ref(PROVIDER, eventName, deliveryId, body, repository, false);
            case "release" -> GitHubShapedEvents.release(PROVIDER, deliveryId, body, repository, ReleaseActions.GITHUB);
            case "pull_request" -> GitHubShapedEvents.pullRequest(PROVIDER, deliveryId, body, repository);
            case "ping" -> ping(deliveryId, body, repository);
            default -> new WebhookParseResult.Ignored("event " + eventName + " is not handled");
        };
    }

    /**
     * A {@code ping}: the webhook's id ({@code hook_id}, else {@code hook.id}), GitHub's zen, the
     * events the webhook sends ({@code hook.events}) and who set it up.
     */
    private static WebhookParseResult ping(String deliveryId, JsonNode body, RegisteredRepository repository) {
        try {
            JsonNode hook = body.path("hook");
            long hookId = body.has("hook_id") ? BodyFields.positiveNumber(body, "hook_id", "hook_id")
                    : BodyFields.positiveNumber(hook, "id", "hook_id");
            return new WebhookParseResult.Recognised(new PingReceived(deliveryId, PROVIDER, repository.id(),
                    repository.name(), repository.cloneUrl(), hookId, BodyFields.text(body, "zen"),
                    BodyFields.texts(hook, "events", "hook.events"), GitHubShapedEvents.sender(body)));
        } catch (BodyFields.Problem problem) {
            return problem.of("ping");
        }
    }

    /** GitHub flags creations and deletions itself, sends the head commit, and names the pusher's account. */
    private static final PushFields.Dialect DIALECT = new PushFields.Dialect() {
        @Override
        public boolean deletes(JsonNode body) {
            return false;
        }

        @Override
        public Commit head(JsonNode body, List<Commit> commits, String after) {
            return PushFields.commit(body.path("head_commit"), "head_commit");
        }

        /** Who pushed: the account's login, or the pusher's name on hosts that send no sender. */
        @Override
        public String sender(JsonNode body) {
            return BodyFields.firstOf(BodyFields.text(body.path("sender"), "login"),
                    BodyFields.text(body.path("pusher"), "name"));
        }
    };
}
