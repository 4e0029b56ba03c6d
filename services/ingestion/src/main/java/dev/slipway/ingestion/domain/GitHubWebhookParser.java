package dev.slipway.ingestion.domain;

import dev.slipway.model.Fields;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import java.util.ArrayList;
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

    private static final String BRANCH_PREFIX = "refs/heads/";
    private static final String TAG_PREFIX = "refs/tags/";

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
        String ref = text(body, "ref");
        if (ref == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)");
        }
        if (body.path("deleted").asBoolean(false)) {
            return new WebhookParseResult.Ignored("ref deleted");
        }
        if (!ref.startsWith(BRANCH_PREFIX) && !ref.startsWith(TAG_PREFIX)) {
            return new WebhookParseResult.Ignored("ref " + ref + " is neither a branch nor a tag");
        }
        String after = text(body, "after");
        if (after == null) {
            return new WebhookParseResult.Malformed("a push delivery needs 'after', the SHA the ref now points to");
        }
        try {
            Commit head = commit(body.path("head_commit"), "head_commit");
            List<Commit> commits = new ArrayList<>();
            JsonNode list = body.path("commits");
            for (int i = 0; i < list.size(); i++) {
                commits.add(commit(list.get(i), "commits[" + i + "]"));
            }
            return new WebhookParseResult.Recognised(new PushReceived(deliveryId, PROVIDER, repository.id(),
                    repository.name(), repository.cloneUrl(), ref, text(body, "before"), after, head, commits,
                    sender(body)));
        } catch (Fields.MissingFieldException e) {
            return new WebhookParseResult.Malformed("the push delivery lacks " + e.field());
        }
    }

    /** The commit in {@code node}, or {@code null} when GitHub sent none (as for a deletion). */
    private static Commit commit(JsonNode node, String where) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new Fields.MissingFieldException(where);
        }
        String id = text(node, "id");
        if (id == null) {
            throw new Fields.MissingFieldException(where + ".id");
        }
        return new Commit(id, text(node, "message"), text(node.path("author"), "name"));
    }

    /** Who pushed: the account's login, or the pusher's name on hosts that send no sender. */
    private static String sender(JsonNode body) {
        String login = text(body.path("sender"), "login");
        return login != null ? login : text(body.path("pusher"), "name");
    }

    /** The string at {@code field}, or {@code null} when it is absent, null, blank or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            return null;
        }
        String text = value.stringValue();
        return text.isBlank() ? null : text;
    }
}
