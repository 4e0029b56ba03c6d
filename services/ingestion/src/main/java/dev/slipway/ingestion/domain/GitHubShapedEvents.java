package dev.slipway.ingestion.domain;

import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.Refs;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import java.util.List;
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
     * A {@code create} or {@code delete}: {@code ref} is the short name and {@code ref_type} says
     * what it names. A tag becomes a {@link TagCreated} or {@link TagDeleted}. A branch is ignored,
     * since the host also sends its creation or deletion as a push, flagged {@code created} or
     * {@code deleted}, and that push is what Slipway reads. Another {@code ref_type} is ignored too.
     */
    static WebhookParseResult ref(String provider, String eventName, String deliveryId, JsonNode body,
                                  RegisteredRepository repository, boolean created) {
        try {
            String name = BodyFields.requiredText(body, "ref", "ref");
            String type = BodyFields.requiredText(body, "ref_type", "ref_type");
            switch (type) {
                case "tag" -> {
                    // Hosts send the short name; a full one is taken apart rather than prefixed twice.
                    String tag = name.startsWith(Refs.TAG_PREFIX) ? name.substring(Refs.TAG_PREFIX.length()) : name;
                    if (tag.isBlank()) {
                        throw BodyFields.Problem.invalid("ref", "a tag name");
                    }
                    String ref = Refs.TAG_PREFIX + tag;
                    String sha = BodyFields.text(body, "sha");
                    String sender = sender(body);
                    return new WebhookParseResult.Recognised(created
                            ? new TagCreated(deliveryId, provider, repository.id(), repository.name(),
                                    repository.cloneUrl(), tag, ref, sha, sender)
                            : new TagDeleted(deliveryId, provider, repository.id(), repository.name(),
                                    repository.cloneUrl(), tag, ref, sha, sender));
                }
                case "branch" -> {
                    return new WebhookParseResult.Ignored(eventName + " of branch " + name + ": Slipway reads a "
                            + "branch's " + (created ? "creation" : "deletion") + " from the push the host also sends, "
                            + "with " + (created ? "created" : "deleted") + ": true");
                }
                default -> {
                    return new WebhookParseResult.Ignored(eventName + " of a " + type + ", which is neither a branch "
                            + "nor a tag");
                }
            }
        } catch (BodyFields.Problem problem) {
            return problem.of(eventName);
        }
    }

    /**
     * A {@code release} event: a {@link ReleasePublished} when {@code action} is one of the host's
     * {@code publishing} actions and the release is no draft; ignored, with the action or the draft
     * named, otherwise. The action is read first, so that an ignored action needs nothing more.
     *
     * @param publishing the actions by which this host makes a release public
     */
    static WebhookParseResult release(String provider, String deliveryId, JsonNode body,
                                      RegisteredRepository repository, List<String> publishing) {
        try {
            String action = BodyFields.requiredText(body, "action", "action");
            if (!publishing.contains(action)) {
                return ReleaseActions.notPublishing(action, publishing);
            }
            JsonNode release = BodyFields.requiredObject(body, "release", "release");
            String tag = BodyFields.requiredText(release, "tag_name", "release.tag_name");
            if (BodyFields.flagOrFalse(release, "draft", "release.draft")) {
                return ReleaseActions.draft(action, tag);
            }
            return new WebhookParseResult.Recognised(new ReleasePublished(deliveryId, provider, repository.id(),
                    repository.name(), repository.cloneUrl(), action, tag,
                    BodyFields.text(release, "name"), BodyFields.text(release, "body"),
                    BodyFields.text(release, "target_commitish"),
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
}
