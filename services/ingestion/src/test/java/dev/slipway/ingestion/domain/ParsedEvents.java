package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.RefCreated;
import dev.slipway.model.scm.RefDeleted;
import dev.slipway.model.scm.ReleaseChanged;
import dev.slipway.model.scm.ScmEvent;
import java.util.ArrayList;
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

    /** That a created or deleted ref holds the full ref and SHA of its {@code create} or {@code delete} body. */
    static void assertRefMatches(ScmEvent event, JsonNode body) {
        String prefix = body.path("ref_type").stringValue().equals("tag") ? "refs/tags/" : "refs/heads/";
        String ref = event instanceof RefCreated created ? created.ref() : ((RefDeleted) event).ref();
        String sha = event instanceof RefCreated created ? created.sha() : ((RefDeleted) event).sha();
        assertThat(ref).isEqualTo(prefix + body.path("ref").stringValue());
        assertThat(sha).isEqualTo(body.path("sha").isString() ? body.path("sha").stringValue() : null);
        assertThat(event.sender()).isEqualTo(body.path("sender").path("login").stringValue());
    }

    /** That a release holds the action, tag, name, notes, target and marks of its {@code release} body. */
    static void assertReleaseMatches(ReleaseChanged release, JsonNode body) {
        JsonNode given = body.path("release");
        assertThat(release.action()).isEqualTo(body.path("action").stringValue());
        assertThat(release.tag()).isEqualTo(given.path("tag_name").stringValue());
        assertThat(release.name()).isEqualTo(given.path("name").asString(""));
        assertThat(release.body()).isEqualTo(given.path("body").asString(""));
        assertThat(release.target()).isEqualTo(given.path("target_commitish").stringValue());
        assertThat(release.draft()).isEqualTo(given.path("draft").booleanValue());
        assertThat(release.prerelease()).isEqualTo(given.path("prerelease").booleanValue());
        assertThat(release.sender()).isEqualTo(body.path("sender").path("login").stringValue());
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
