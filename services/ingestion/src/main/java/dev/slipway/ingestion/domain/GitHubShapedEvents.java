package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.RefCreated;
import dev.slipway.model.scm.RefDeleted;
import dev.slipway.model.scm.ReleaseChanged;
import dev.slipway.model.scm.Refs;
import tools.jackson.databind.JsonNode;

/**
 * The {@code create}, {@code delete}, {@code release} and {@code pull_request} events, whose bodies
 * Gitea (and so Forgejo) shaped after GitHub's: the same field names, with the sender in
 * {@code sender.login}. Both hosts' parsers read them here, so that they mean the same.
 */
final class GitHubShapedEvents {

    private GitHubShapedEvents() {
    }

    /**
     * A {@code create} or {@code delete} of a branch or tag: {@code ref} is its short name and
     * {@code ref_type} says which. Another {@code ref_type} is ignored.
     */
    static WebhookParseResult ref(String provider, String eventName, String deliveryId, JsonNode body,
                                  RegisteredRepository repository, boolean created) {
        try {
            String name = BodyFields.requiredText(body, "ref", "ref");
            String type = BodyFields.requiredText(body, "ref_type", "ref_type");
            String ref;
            switch (type) {
                case "branch" -> ref = qualified(name, Refs.BRANCH_PREFIX);
                case "tag" -> ref = qualified(name, Refs.TAG_PREFIX);
                default -> {
                    return new WebhookParseResult.Ignored(eventName + " of a " + type + ", which is neither a branch "
                            + "nor a tag");
                }
            }
            String sha = BodyFields.text(body, "sha");
            String sender = sender(body);
            return new WebhookParseResult.Recognised(created
                    ? new RefCreated(deliveryId, provider, repository.id(), repository.name(), repository.cloneUrl(),
                            ref, sha, sender)
                    : new RefDeleted(deliveryId, provider, repository.id(), repository.name(), repository.cloneUrl(),
                            ref, sha, sender));
        } catch (BodyFields.Problem problem) {
            return problem.of(eventName);
        }
    }

    /** A {@code release} event, whatever its action. */
    static WebhookParseResult release(String provider, String deliveryId, JsonNode body,
                                      RegisteredRepository repository) {
        try {
            String action = BodyFields.requiredText(body, "action", "action");
            JsonNode release = BodyFields.requiredObject(body, "release", "release");
            return new WebhookParseResult.Recognised(new ReleaseChanged(deliveryId, provider, repository.id(),
                    repository.name(), repository.cloneUrl(), action,
                    BodyFields.requiredText(release, "tag_name", "release.tag_name"),
                    BodyFields.text(release, "name"), BodyFields.text(release, "body"),
                    BodyFields.text(release, "target_commitish"),
                    BodyFields.flagOrFalse(release, "draft", "release.draft"),
                    BodyFields.flagOrFalse(release, "prerelease", "release.prerelease"), sender(body)));
        } catch (BodyFields.Problem problem) {
            return problem.of("release");
        }
    }

    /**
     * A {@code pull_request} event, whatever its action. The head repository's clone URL is kept
     * only when it is another repository than the base's, that is, a fork.
     */
    static WebhookParseResult pullRequest(String provider, String deliveryId, JsonNode body,
                                          RegisteredRepository repository) {
        try {
            String action = BodyFields.requiredText(body, "action", "action");
            JsonNode pullRequest = BodyFields.requiredObject(body, "pull_request", "pull_request");
            JsonNode head = BodyFields.requiredObject(pullRequest, "head", "pull_request.head");
            JsonNode base = BodyFields.requiredObject(pullRequest, "base", "pull_request.base");
            long number = body.has("number") ? BodyFields.positiveNumber(body, "number", "number")
                    : BodyFields.positiveNumber(pullRequest, "number", "pull_request.number");
            return new WebhookParseResult.Recognised(new PullRequestChanged(deliveryId, provider, repository.id(),
                    repository.name(), repository.cloneUrl(), action, number, BodyFields.text(pullRequest, "title"),
                    BodyFields.requiredText(head, "ref", "pull_request.head.ref"),
                    BodyFields.requiredText(head, "sha", "pull_request.head.sha"),
                    BodyFields.requiredText(base, "ref", "pull_request.base.ref"),
                    forkCloneUrl(head.path("repo"), base.path("repo")),
                    BodyFields.flagOrFalse(pullRequest, "merged", "pull_request.merged"), sender(body)));
        } catch (BodyFields.Problem problem) {
            return problem.of("pull_request");
        }
    }

    /** Who acted: the sender's login, else (Gitea) the sender's user name. */
    static String sender(JsonNode body) {
        JsonNode sender = body.path("sender");
        return BodyFields.firstOf(BodyFields.text(sender, "login"), BodyFields.text(sender, "username"));
    }

    private static String forkCloneUrl(JsonNode headRepository, JsonNode baseRepository) {
        String head = BodyFields.text(headRepository, "full_name");
        String base = BodyFields.text(baseRepository, "full_name");
        if (head == null || head.equalsIgnoreCase(base)) {
            return null;
        }
        return BodyFields.text(headRepository, "clone_url");
    }

    private static String qualified(String name, String prefix) {
        // Hosts send the short name; a full one is kept as it is rather than prefixed twice.
        return name.startsWith("refs/") ? name : prefix + name;
    }
}
