package dev.slipway.ingestion.domain;

import static dev.slipway.ingestion.domain.ParsedEvents.assertOrigin;
import static dev.slipway.ingestion.domain.ParsedEvents.assertPushMatches;
import static dev.slipway.ingestion.domain.ParsedEvents.ignored;
import static dev.slipway.ingestion.domain.ParsedEvents.malformed;
import static dev.slipway.ingestion.domain.ParsedEvents.recognised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.slipway.model.scm.ChangedPaths;
import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GitLabWebhookParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DECLARED_CLONE_URL = "file:///srv/git/declared.git";
    private static final String ZERO_SHA = "0".repeat(40);

    private final GitLabWebhookParser parser = new GitLabWebhookParser();
    private final GitLabWebhooks gitlab = new GitLabWebhooks();

    @TestFactory
    Stream<DynamicTest> readsEveryCapturedGitLabPayloadIntoTheEventItsHeaderNamesWithTheBodysValues() {
        // Verifies that every real GitLab payload names its project and becomes the event its X-Gitlab-Event calls for:
        // pushes of branches and tags (deletions included) with the body's SHAs, commits and paths, and merge requests.
        List<CapturedWebhooks.Capture> captures = CapturedWebhooks.gitlab();
        assertThat(captures).extracting(CapturedWebhooks.Capture::event)
                .contains("Push Hook", "Tag Push Hook", "Merge Request Hook");
        return captures.stream().map(capture -> dynamicTest(capture.toString(), () -> {
            JsonNode body = capture.json();
            String path = body.path("project").path("path_with_namespace").stringValue();
            assertThat(path).isNotBlank();
            assertThat(gitlab.repositoryName(body)).isEqualTo(Optional.of(path));
            RegisteredRepository repository = declared(body);
            WebhookParseResult result = parser.parse(capture.event(), "delivery-1", body, repository);
            switch (capture.event()) {
                case "Push Hook", "Tag Push Hook" -> {
                    PushReceived push = recognised(result, PushReceived.class);
                    assertOrigin(push, "delivery-1", repository);
                    assertPushMatches(push, body);
                    assertThat(push.deleted()).isEqualTo(body.path("checkout_sha").isNull());
                    assertThat(push.sender()).isEqualTo(body.path("user_username").stringValue());
                    if (!push.deleted()) {
                        assertThat(push.headCommit().id()).isEqualTo(body.path("checkout_sha").stringValue());
                    }
                }
                case "Merge Request Hook" -> {
                    PullRequestChanged request = recognised(result, PullRequestChanged.class);
                    JsonNode attributes = body.path("object_attributes");
                    assertOrigin(request, "delivery-1", repository);
                    assertThat(request.action()).isEqualTo(attributes.path("action").stringValue());
                    assertThat(request.number()).isEqualTo(attributes.path("iid").longValue());
                    assertThat(request.headBranch()).isEqualTo(attributes.path("source_branch").stringValue());
                    assertThat(request.baseBranch()).isEqualTo(attributes.path("target_branch").stringValue());
                    assertThat(request.headSha()).isEqualTo(attributes.path("last_commit").path("id").stringValue());
                    assertThat(request.merged()).isEqualTo(attributes.path("state").stringValue().equals("merged"));
                    assertThat(request.sender()).isEqualTo(body.path("user").path("username").stringValue());
                }
                default -> throw new AssertionError("no expectation for captured event " + capture.event());
            }
        }));
    }

    @Test
    void readsTheCapturedBranchPushIntoAPushReceivedWhoseHeadIsTheCheckoutCommit() {
        // Verifies every field of the PushReceived made from go-scm's captured GitLab push.
        JsonNode body = CapturedWebhooks.json("gitlab/go-scm/push.json");

        PushReceived push = recognised(parser.parse("Push Hook", "l1", body, declared(body)), PushReceived.class);

        assertThat(push.deliveryId()).isEqualTo("l1");
        assertThat(push.provider()).isEqualTo("gitlab");
        assertThat(push.repositoryId()).isEqualTo("gitlab:gitlab-org/hello-world");
        assertThat(push.repositoryName()).isEqualTo("gitlab-org/hello-world");
        assertThat(push.cloneUrl()).isEqualTo(DECLARED_CLONE_URL);
        assertThat(push.branch()).isEqualTo("master");
        assertThat(push.before()).isEqualTo("9217710ce8c7e1eae7a5d1c45f6e43e1c769f866");
        assertThat(push.after()).isEqualTo("2adc9465c4edfc33834e173fe89436a7cb899a1d");
        Commit commit = new Commit("2adc9465c4edfc33834e173fe89436a7cb899a1d", "added readme\n", "Sid Sijbrandij");
        assertThat(push.commits()).containsExactly(commit);
        assertThat(push.headCommit()).isEqualTo(commit);
        assertThat(push.sender()).isEqualTo("sytses");
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.changedPaths()).isEqualTo(new ChangedPaths(List.of("README.md"), List.of(), List.of()));
    }

    @Test
    void readsTheCapturedTagPushAndTagDeletionAsPushesOfTheTag() {
        // Verifies go-scm's tag pair under Tag Push Hook: the creation is a created tag with its commit, the deletion
        // (checkout_sha null, after all zeros) a deleted tag without a head commit.
        JsonNode created = CapturedWebhooks.json("gitlab/go-scm/tag_create.json");
        JsonNode deleted = CapturedWebhooks.json("gitlab/go-scm/tag_delete.json");

        PushReceived creation = recognised(parser.parse("Tag Push Hook", "l2", created, declared(created)),
                PushReceived.class);
        PushReceived deletion = recognised(parser.parse("Tag Push Hook", "l3", deleted, declared(deleted)),
                PushReceived.class);

        assertThat(creation.ref()).isEqualTo("refs/tags/v1.0.0");
        assertThat(creation.created()).isTrue();
        assertThat(creation.deleted()).isFalse();
        assertThat(creation.headCommit().id()).isEqualTo("2adc9465c4edfc33834e173fe89436a7cb899a1d");
        assertThat(deleted.path("checkout_sha").isNull()).isTrue();
        assertThat(deletion).isEqualTo(new PushReceived("l3", "gitlab", "gitlab:gitlab-org/hello-world",
                "gitlab-org/hello-world", DECLARED_CLONE_URL, "refs/tags/v1.0.0", "2adc9465c4edfc33834e173fe89436a7cb899a1d",
                ZERO_SHA, null, List.of(), "sytses", false, true, ChangedPaths.NONE));
    }

    @Test
    void readsTheCapturedMergeRequestsOpenedAndMerged() {
        // Verifies every field of the PullRequestChanged made from go-scm's captured merge requests.
        PullRequestChanged opened = recognised(parser.parse("Merge Request Hook", "l4",
                CapturedWebhooks.json("gitlab/go-scm/pull_request_create.json"), acmeApp()), PullRequestChanged.class);
        PullRequestChanged merged = recognised(parser.parse("Merge Request Hook", "l5",
                CapturedWebhooks.json("gitlab/go-scm/pull_request_merge.json"), acmeApp()), PullRequestChanged.class);

        assertThat(opened).isEqualTo(new PullRequestChanged("l4", "gitlab", "gitlab:acme/app", "acme/app",
                DECLARED_CLONE_URL, "open", 1, "update readme", "feature", "c4c79227ed610f1151f05bbc5be33b4f340d39c8",
                "master", null, false, "sytses"));
        assertThat(merged.action()).isEqualTo("merge");
        assertThat(merged.merged()).isTrue();
    }

    @Test
    void keepsTheSourceProjectsCloneUrlOfAHandWrittenMergeRequestFromAFork() {
        // Verifies that a merge request whose source project is not the target carries the fork's clone URL.
        PullRequestChanged request = recognised(parser.parse("Merge Request Hook", "l6",
                HandWrittenWebhooks.json("gitlab/merge-request-from-fork.json"), acmeApp()), PullRequestChanged.class);

        assertThat(request).isEqualTo(new PullRequestChanged("l6", "gitlab", "gitlab:acme/app", "acme/app",
                DECLARED_CLONE_URL, "update", 8, "Faster parsing", "faster", "5".repeat(40), "main",
                "https://gitlab.example/octo/app.git", false, "octo"));
    }

    @Test
    void readsAHandWrittenReleaseHookCreateAsAPublishedReleaseWithItsDescriptionAsTheBody() {
        // Verifies GitLab's Release Hook, which no capture shows: action, tag, name, the description whole as the body,
        // the commit as target, and no sender, since GitLab names none.
        ReleasePublished release = recognised(parser.parse("Release Hook", "l7",
                HandWrittenWebhooks.json("gitlab/release-create.json"), acmeApp()), ReleasePublished.class);

        assertThat(release).isEqualTo(new ReleasePublished("l7", "gitlab", "gitlab:acme/app", "acme/app",
                DECLARED_CLONE_URL, "create", "v1.4.0", "Version 1.4.0",
                "Built and released by Slipway.\n\n<!-- slipway:release build=41 -->", "c".repeat(40), false, null));
    }

    @Test
    void ignoresAReleaseHookUpdateOrDeleteWithTheActionNamed() {
        // Verifies that a release's update and delete, which make no release public, are ignored with the action named.
        assertThat(ignored(parser.parse("Release Hook", "l16", HandWrittenWebhooks.json("gitlab/release-update.json"),
                acmeApp()))).isEqualTo("release update: Slipway reads a release only when it is made public (create)");
        assertThat(ignored(parser.parse("Release Hook", "l17", json("{\"object_kind\": \"release\", \"action\": \"delete\"}"),
                acmeApp()))).startsWith("release delete: ");
    }

    @Test
    void readsTheProjectPathWithSubgroups() {
        // Verifies that a project in nested subgroups is named by its whole path, as it is declared.
        JsonNode body = CapturedWebhooks.json("gitlab/go-scm/push_subgroup.json");

        assertThat(gitlab.repositoryName(body)).isEqualTo(Optional.of("group1/group2/group3/grp2repo"));
    }

    @Test
    void readsAHandWrittenTagDeleteWithCheckoutShaNullAsADeletedTag() {
        // Verifies that a GitLab tag delete (checkout_sha: null, after all zeros, no commits) is a deleting push of the
        // tag, not malformed, with the pusher as sender.
        PushReceived push = recognised(parser.parse("Tag Push Hook", "l8",
                HandWrittenWebhooks.json("gitlab/tag-push-deleted.json"), acmeApp()), PushReceived.class);

        assertThat(push).isEqualTo(new PushReceived("l8", "gitlab", "gitlab:acme/app", "acme/app", DECLARED_CLONE_URL,
                "refs/tags/v2.0.0", "c".repeat(40), ZERO_SHA, null, List.of(), "ada", false, true, ChangedPaths.NONE));
    }

    @Test
    void treatsAnExplicitlyNullCheckoutShaAsADeletionButAnAbsentOneAsAPush() {
        // Verifies that only checkout_sha: null marks a deletion; a body without the field is read as a push of 'after'.
        String template = """
                {"ref": "refs/heads/main", "before": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "after": "cccccccccccccccccccccccccccccccccccccccc", %s
                 "commits": [{"id": "cccccccccccccccccccccccccccccccccccccccc", "message": "Add", "author": {"name": "Cy"}}],
                 "user_name": "Cy Young", "project": {"path_with_namespace": "acme/app"}}""";

        assertThat(recognised(parser.parse("Push Hook", "l9", json(template.formatted("\"checkout_sha\": null,")),
                acmeApp()), PushReceived.class).deleted()).isTrue();
        PushReceived push = recognised(parser.parse("Push Hook", "l10", json(template.formatted("")), acmeApp()),
                PushReceived.class);
        assertThat(push.deleted()).isFalse();
        assertThat(push.headCommit()).isEqualTo(new Commit("cccccccccccccccccccccccccccccccccccccccc", "Add", "Cy"));
        assertThat(push.sender()).as("falls back to the user's name without a username").isEqualTo("Cy Young");
    }

    @Test
    void callsAMergeRequestOrReleaseWithoutWhatItNeedsMalformedAndNamesTheField() {
        // Verifies the problem named when a merge request or release body lacks a field the event cannot do without.
        assertThat(malformed(parser.parse("Merge Request Hook", "l11", json("""
                {"object_kind": "merge_request", "object_attributes": {"iid": 3, "action": "open",
                 "source_branch": "f", "target_branch": "main"}}"""), acmeApp())))
                .isEqualTo("the Merge Request Hook delivery lacks object_attributes.last_commit.id");
        assertThat(malformed(parser.parse("Merge Request Hook", "l12", json("{\"object_kind\": \"merge_request\"}"),
                acmeApp()))).isEqualTo("the Merge Request Hook delivery lacks object_attributes");
        assertThat(malformed(parser.parse("Release Hook", "l13", json("{\"action\": \"create\", \"name\": \"x\"}"),
                acmeApp()))).isEqualTo("the Release Hook delivery lacks tag");
        assertThat(malformed(parser.parse("Release Hook", "l18", json("{\"tag\": \"v1\"}"), acmeApp())))
                .isEqualTo("the Release Hook delivery lacks action");
    }

    @Test
    void namesEveryOtherEventAsNotHandled() {
        // Verifies that system hooks, issues and pipelines are ignored with the event named.
        JsonNode body = json("{\"object_kind\": \"push\", \"project\": {\"path_with_namespace\": \"acme/app\"}}");

        assertThat(parser.parse("System Hook", "l14", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("event System Hook is not handled"));
        assertThat(parser.parse("Pipeline Hook", "l15", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("event Pipeline Hook is not handled"));
    }

    @Test
    void acceptsOnlyTheExactTokenAndTellsAMissingOneApart() {
        // Verifies the X-Gitlab-Token comparison: the secret itself is valid; a prefix, a longer one or none is not.
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookSecret secret = WebhookSecret.of("s3cret-token");

        assertThat(gitlab.checkSignature(token("s3cret-token"), body, secret)).isEqualTo(SignatureCheck.VALID);
        assertThat(gitlab.checkSignature(token("s3cret"), body, secret)).isEqualTo(SignatureCheck.MISMATCH);
        assertThat(gitlab.checkSignature(token("s3cret-token "), body, secret)).isEqualTo(SignatureCheck.MISMATCH);
        assertThat(gitlab.checkSignature(WebhookHeaders.of(Map.of()), body, secret)).isEqualTo(SignatureCheck.MISSING);
        assertThat(gitlab.explain(SignatureCheck.MISMATCH)).contains("X-Gitlab-Token");
    }

    private static RegisteredRepository declared(JsonNode body) {
        String name = body.path("project").path("path_with_namespace").asString("unknown/unknown");
        return new RegisteredRepository("gitlab:" + name, "gitlab", name, DECLARED_CLONE_URL);
    }

    private static RegisteredRepository acmeApp() {
        return new RegisteredRepository("gitlab:acme/app", "gitlab", "acme/app", DECLARED_CLONE_URL);
    }

    private static WebhookHeaders token(String value) {
        return WebhookHeaders.of(Map.of("X-Gitlab-Token", List.of(value)));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
