package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.ScmEvent;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Assertions for parser tests: that a result is the event expected, and that an event made from a
 * GitHub-shaped body (GitHub's, or Gitea's, which copies it) holds the values that body gives, read
 * here independently of the parser.
 */
final class ParsedEvents {

    private static final String NULL_SHA = "0".repeat(40);

    private ParsedEvents() {
    }

    /** The event of {@code type} that {@code result} recognised; fails when it is anything else. */
    static <T extends ScmEvent> T recognised(WebhookParseResult result, Class<T> type) {
        assertThat(result).isInstanceOf(WebhookParseResult.Recognised.class);
        ScmEvent event = ((WebhookParseResult.Recognised) result).event();
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    /** The problem of a malformed result; fails when it is anything else. */
    static String malformed(WebhookParseResult result) {
        assertThat(result).isInstanceOf(WebhookParseResult.Malformed.class);
        return ((WebhookParseResult.Malformed) result).problem();
    }

    /** That {@code event} came from {@code repository} through delivery {@code deliveryId}. */
    static void assertOrigin(ScmEvent event, String deliveryId, RegisteredRepository repository) {
        assertThat(event.deliveryId()).isEqualTo(deliveryId);
        assertThat(event.provider()).isEqualTo(repository.provider());
        assertThat(event.repositoryId()).isEqualTo(repository.id());
        assertThat(event.repositoryName()).isEqualTo(repository.name());
        assertThat(event.cloneUrl()).isEqualTo(repository.cloneUrl());
    }

    /** That a push holds the ref, SHAs, flags, commits and paths of its GitHub-shaped body. */
    static void assertPushMatches(PushReceived push, JsonNode body) {
        assertThat(push.ref()).isEqualTo(body.path("ref").stringValue());
        assertThat(push.before()).isEqualTo(body.path("before").stringValue());
        assertThat(push.after()).isEqualTo(body.path("after").stringValue());
        assertThat(push.created()).isEqualTo(body.path("created").isBoolean() ? body.path("created").booleanValue()
                : NULL_SHA.equals(body.path("before").stringValue()));
        assertThat(push.deleted()).isEqualTo(body.path("deleted").isBoolean() ? body.path("deleted").booleanValue()
                : NULL_SHA.equals(body.path("after").stringValue()));
        assertThat(push.forced()).isEqualTo(body.path("forced").isBoolean() ? body.path("forced").booleanValue() : null);
        List<String> ids = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (JsonNode commit : body.path("commits")) {
            ids.add(commit.path("id").stringValue());
            for (String kind : List.of("added", "modified", "removed")) {
                commit.path(kind).forEach(path -> paths.add(path.stringValue()));
            }
        }
        assertThat(push.commits()).extracting(c -> c.id()).containsExactlyElementsOf(ids);
        assertThat(push.changedPaths().all()).containsExactlyInAnyOrderElementsOf(paths.stream().distinct().toList());
        if (push.deleted()) {
            assertThat(push.headCommit()).isNull();
        }
    }

    /** The reason of an ignored result; fails when it is anything else. */
    static String ignored(WebhookParseResult result) {
        assertThat(result).isInstanceOf(WebhookParseResult.Ignored.class);
        return ((WebhookParseResult.Ignored) result).reason();
    }

    /**
     * That the result of a GitHub-shaped {@code create} or {@code delete} body is the tag event it
     * calls for, holding the body's tag, SHA and sender, or, for a branch, ignored with the branch named.
     */
    static void assertCreateOrDeleteMatches(WebhookParseResult result, JsonNode body, boolean created) {
        String name = body.path("ref").stringValue();
        switch (body.path("ref_type").stringValue()) {
            case "tag" -> {
                List<String> read = created
                        ? tagFields(recognised(result, TagCreated.class))
                        : tagFields(recognised(result, TagDeleted.class));
                assertThat(read).containsExactly(name, "refs/tags/" + name,
                        body.path("sha").isString() ? body.path("sha").stringValue() : null,
                        body.path("sender").path("login").stringValue());
            }
            case "branch" -> assertThat(ignored(result)).startsWith((created ? "create" : "delete") + " of branch "
                    + name + ": ").contains(created ? "created: true" : "deleted: true");
            default -> throw new AssertionError("no expectation for ref_type " + body.path("ref_type"));
        }
    }

    private static List<String> tagFields(TagCreated event) {
        return Arrays.asList(event.tag(), event.ref(), event.sha(), event.sender());
    }

    private static List<String> tagFields(TagDeleted event) {
        return Arrays.asList(event.tag(), event.ref(), event.sha(), event.sender());
    }

    /**
     * That the result of a GitHub-shaped {@code release} body is a published release holding the body's
     * values when its action is among {@code publishing} and it is no draft, and otherwise ignored with
     * the action named.
     */
    static void assertReleaseResultMatches(WebhookParseResult result, JsonNode body, List<String> publishing) {
        String action = body.path("action").stringValue();
        JsonNode given = body.path("release");
        if (!publishing.contains(action) || given.path("draft").booleanValue()) {
            assertThat(ignored(result)).startsWith("release " + action);
            return;
        }
        ReleasePublished release = recognised(result, ReleasePublished.class);
        assertThat(release.action()).isEqualTo(action);
        assertThat(release.tag()).isEqualTo(given.path("tag_name").stringValue());
        assertThat(release.ref()).isEqualTo("refs/tags/" + given.path("tag_name").stringValue());
        assertThat(release.name()).isEqualTo(given.path("name").asString(""));
        assertThat(release.body()).isEqualTo(given.path("body").asString(""));
        assertThat(release.target()).isEqualTo(given.path("target_commitish").stringValue());
        assertThat(release.prerelease()).isEqualTo(given.path("prerelease").booleanValue());
        assertThat(release.sender()).isEqualTo(body.path("sender").path("login").stringValue());
    }

    /** That a ping holds the hook id, zen, events and sender of its body. */
    static void assertPingMatches(PingReceived ping, JsonNode body) {
        assertThat(ping.hookId()).isEqualTo(body.path("hook_id").longValue()).isPositive();
        assertThat(ping.zen()).isEqualTo(body.path("zen").stringValue());
        List<String> events = new ArrayList<>();
        body.path("hook").path("events").forEach(event -> events.add(event.stringValue()));
        assertThat(ping.events()).containsExactlyElementsOf(events);
        assertThat(ping.sender()).isEqualTo(body.path("sender").path("login").stringValue());
    }

    /** That a pull request holds the action, number, branches, head and state of its {@code pull_request} body. */
    static void assertPullRequestMatches(PullRequestChanged pullRequest, JsonNode body) {
        JsonNode given = body.path("pull_request");
        assertThat(pullRequest.action()).isEqualTo(body.path("action").stringValue());
        assertThat(pullRequest.number()).isEqualTo(given.path("number").longValue()).isPositive();
        assertThat(pullRequest.title()).isEqualTo(given.path("title").stringValue());
        assertThat(pullRequest.headBranch()).isEqualTo(given.path("head").path("ref").stringValue());
        assertThat(pullRequest.headSha()).isEqualTo(given.path("head").path("sha").stringValue());
        assertThat(pullRequest.baseBranch()).isEqualTo(given.path("base").path("ref").stringValue());
        assertThat(pullRequest.merged()).isEqualTo(given.path("merged").booleanValue());
        boolean fork = !given.at("/head/repo/full_name").stringValue().equals(given.at("/base/repo/full_name").stringValue());
        assertThat(pullRequest.sourceCloneUrl()).isEqualTo(fork ? given.at("/head/repo/clone_url").stringValue() : null);
        assertThat(pullRequest.sender()).isEqualTo(body.path("sender").path("login").stringValue());
    }
}
