package dev.slipway.ingestion.domain;

import static dev.slipway.ingestion.domain.ParsedEvents.assertCreateOrDeleteMatches;
import static dev.slipway.ingestion.domain.ParsedEvents.assertOrigin;
import static dev.slipway.ingestion.domain.ParsedEvents.assertPullRequestMatches;
import static dev.slipway.ingestion.domain.ParsedEvents.assertPushMatches;
import static dev.slipway.ingestion.domain.ParsedEvents.assertReleaseResultMatches;
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
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
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

class GiteaWebhookParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DECLARED_CLONE_URL = "file:///srv/git/declared.git";
    private static final String ZERO_SHA = "0".repeat(40);

    private final GiteaWebhookParser parser = new GiteaWebhookParser();
    private final GiteaWebhooks gitea = new GiteaWebhooks();

    @TestFactory
    Stream<DynamicTest> readsEveryCapturedGiteaPayloadIntoTheEventItsHeaderNamesWithTheBodysValues() {
        // Verifies that every real Gitea payload names its repository and becomes the event its X-Gitea-Event calls
        // for, holding the values its body gives: pushes, created and deleted tags, pull requests; and that a branch's
        // create or delete is ignored with the reason.
        List<CapturedWebhooks.Capture> captures = CapturedWebhooks.gitea();
        assertThat(captures).extracting(CapturedWebhooks.Capture::event)
                .contains("push", "create", "delete", "pull_request");
        return captures.stream().map(capture -> dynamicTest(capture.toString(), () -> {
            JsonNode body = capture.json();
            String fullName = body.path("repository").path("full_name").stringValue();
            assertThat(fullName).isNotBlank();
            assertThat(gitea.repositoryName(body)).isEqualTo(Optional.of(fullName));
            RegisteredRepository repository = declared(body);
            WebhookParseResult result = parser.parse(capture.event(), "delivery-1", body, repository);
            switch (capture.event()) {
                case "push" -> {
                    PushReceived push = recognised(result, PushReceived.class);
                    assertOrigin(push, "delivery-1", repository);
                    assertPushMatches(push, body);
                }
                case "create" -> assertCreateOrDeleteMatches(result, body, true);
                case "delete" -> assertCreateOrDeleteMatches(result, body, false);
                case "release" -> assertReleaseResultMatches(result, body, List.of("published"));
                case "pull_request" -> assertPullRequestMatches(recognised(result, PullRequestChanged.class), body);
                default -> throw new AssertionError("no expectation for captured event " + capture.event());
            }
        }));
    }

    @Test
    void readsTheCapturedPushWhichHasNoHeadCommitNorFlagsIntoAPushReceived() {
        // Verifies every field of the PushReceived made from go-scm's captured Gitea push, whose head commit is the
        // listed commit that 'after' names, since the body has no head_commit, and whose flags come from its SHAs.
        JsonNode body = CapturedWebhooks.json("gitea/go-scm/push.json");
        assertThat(body.has("head_commit")).isFalse();
        assertThat(body.has("created") || body.has("deleted")).isFalse();

        PushReceived push = recognised(parser.parse("push", "g1", body, declared(body)), PushReceived.class);

        assertThat(push.deliveryId()).isEqualTo("g1");
        assertThat(push.provider()).isEqualTo("gitea");
        assertThat(push.repositoryId()).isEqualTo("gitea:gogits/hello-world");
        assertThat(push.repositoryName()).isEqualTo("gogits/hello-world");
        assertThat(push.cloneUrl()).isEqualTo(DECLARED_CLONE_URL);
        assertThat(push.branch()).isEqualTo("master");
        assertThat(push.before()).isEqualTo("9836a96a253cce25d17988fcf41b8c4205cf779f");
        assertThat(push.after()).isEqualTo("4522cbcefc20728a5b72b3a86af35e608622c514");
        Commit commit = new Commit("4522cbcefc20728a5b72b3a86af35e608622c514", "Updated readme\n", "Unknwon");
        assertThat(push.commits()).containsExactly(commit);
        assertThat(push.headCommit()).isEqualTo(commit);
        assertThat(push.sender()).isEqualTo("unknwon");
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.changedPaths()).isEqualTo(new ChangedPaths(List.of(), List.of("README.md"), List.of()));
    }

    @Test
    void readsTheCapturedTagCreateAndDeleteWithTheTagsShaAndIgnoresTheBranchOnes() {
        // Verifies Gitea's create and delete of a tag: the name, full ref, the SHA Gitea gives for a new tag, the
        // sender; and that a branch's create or delete is ignored, since its push reports the same.
        TagCreated tag = recognised(parser.parse("create", "g2", CapturedWebhooks.json("gitea/go-scm/tag_create.json"),
                acmeApp()), TagCreated.class);
        TagDeleted deletedTag = recognised(parser.parse("delete", "g4", CapturedWebhooks.json("gitea/go-scm/tag_delete.json"),
                acmeApp()), TagDeleted.class);

        assertThat(tag).isEqualTo(new TagCreated("g2", "gitea", "gitea:acme/app", "acme/app", DECLARED_CLONE_URL,
                "v1.0.0", "refs/tags/v1.0.0", "599d25c67b05717269f50ac082b34f176d085179", "unknwon"));
        assertThat(deletedTag).isEqualTo(new TagDeleted("g4", "gitea", "gitea:acme/app", "acme/app", DECLARED_CLONE_URL,
                "v1.0.0", "refs/tags/v1.0.0", null, "unknwon"));
        assertThat(ignored(parser.parse("create", "g3", CapturedWebhooks.json("gitea/go-scm/branch_create.json"),
                acmeApp()))).startsWith("create of branch feature: ");
        assertThat(ignored(parser.parse("delete", "g5", CapturedWebhooks.json("gitea/go-scm/branch_delete.json"),
                acmeApp()))).startsWith("delete of branch feature: ");
    }

    @Test
    void readsTheCapturedPullRequestsOpenedSynchronizedAndMerged() {
        // Verifies the PullRequestChanged made from Gitea's captured pull requests: Gitea's own action words, the
        // branches and head, and the merged flag of a closed-by-merge request.
        PullRequestChanged opened = recognised(parser.parse("pull_request", "g6",
                CapturedWebhooks.json("gitea/go-scm/pull_request_opened.json"), acmeApp()), PullRequestChanged.class);
        PullRequestChanged newCommits = recognised(parser.parse("pull_request", "g7",
                CapturedWebhooks.json("gitea/go-scm/pull_request_synchronized.json"), acmeApp()),
                PullRequestChanged.class);
        PullRequestChanged merged = recognised(parser.parse("pull_request", "g8",
                CapturedWebhooks.json("gitea/go-scm/pull_request_merged.json"), acmeApp()), PullRequestChanged.class);

        assertThat(opened).isEqualTo(new PullRequestChanged("g6", "gitea", "gitea:acme/app", "acme/app",
                DECLARED_CLONE_URL, "opened", 1, "Add License File", "feature", "2eba238e33607c1fa49253182e9fff42baafa1eb",
                "master", null, false, "jcitizen"));
        assertThat(newCommits.action()).isEqualTo("synchronized");
        assertThat(merged.action()).isEqualTo("closed");
        assertThat(merged.merged()).isTrue();
    }

    @Test
    void readsAHandWrittenPublishedReleaseWithItsNotesWhole() {
        // Verifies Gitea's release event, which no capture shows: action, tag, name, the whole body with Slipway's
        // marker in it, target, pre-release mark and the bot as sender.
        ReleasePublished release = recognised(parser.parse("release", "g9",
                HandWrittenWebhooks.json("gitea/release-published.json"), acmeApp()), ReleasePublished.class);

        assertThat(release).isEqualTo(new ReleasePublished("g9", "gitea", "gitea:acme/app", "acme/app",
                DECLARED_CLONE_URL, "published", "v1.4.0", "Version 1.4.0",
                "Built and released by Slipway.\n\n<!-- slipway:release build=41 -->", "main", true, "slipway-bot"));
    }

    @Test
    void ignoresAReleaseUpdatedOrDeletedWithTheActionNamed() {
        // Verifies that Gitea's updated and deleted, which make no release public, are ignored with the action named.
        assertThat(ignored(parser.parse("release", "g15", json("""
                {"action": "updated", "release": {"tag_name": "v1.4.0", "draft": false}}"""), acmeApp())))
                .isEqualTo("release updated: Slipway reads a release only when it is made public (published)");
        assertThat(ignored(parser.parse("release", "g16", json("{\"action\": \"deleted\"}"), acmeApp())))
                .startsWith("release deleted: ");
    }

    @Test
    void ignoresAPingForGiteaSendsNone() {
        // Verifies that a ping on the Gitea endpoint, which Gitea never sends, is an unhandled event, not a PingReceived.
        assertThat(parser.parse("ping", "g17", json("{\"hook_id\": 3}"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("event ping is not handled"));
    }

    @Test
    void acceptsTheSignatureThatGiteaSentWithTheCapturedPullRequest() {
        // Verifies the bare-hex HMAC against a signature known from go-scm's tests, under either header name.
        byte[] body = CapturedWebhooks.read("gitea/go-scm/pull_request_edited.json");
        String signature = "a31111f057bafe895837f4a93c0f1f528919c199a20438b1fc8e23485780a33a";
        WebhookSecret secret = WebhookSecret.of("71295b197fa25f4356d2fb9965df3f2379d903d7");

        assertThat(gitea.checkSignature(headers("X-Gitea-Signature", signature), body, secret))
                .isEqualTo(SignatureCheck.VALID);
        assertThat(gitea.checkSignature(headers("X-Forgejo-Signature", signature), body, secret))
                .isEqualTo(SignatureCheck.VALID);
        assertThat(gitea.checkSignature(headers("X-Gitea-Signature", signature), body, WebhookSecret.of("other")))
                .isEqualTo(SignatureCheck.MISMATCH);
    }

    @Test
    void tellsAMissingSignatureFromAMalformedOneAndIgnoresGitHubsHeader() {
        // Verifies that no Gitea signature is missing even beside a GitHub-style one, and that a prefixed one is malformed.
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookSecret secret = WebhookSecret.of("s3cret");
        String valid = HmacSha256.sign(secret, body);

        assertThat(gitea.checkSignature(headers("X-Hub-Signature-256", "sha256=" + valid), body, secret))
                .isEqualTo(SignatureCheck.MISSING);
        assertThat(gitea.checkSignature(headers("X-Gitea-Signature", "sha256=" + valid), body, secret))
                .isEqualTo(SignatureCheck.MALFORMED);
    }

    @Test
    void readsAHandWrittenBranchPushWithoutCreatedOrDeletedFlags() {
        // Verifies that a Gitea push body lacking created/deleted (as older Gitea sends) is a push of a live branch,
        // its head the commit 'after' names and its paths the union over both commits.
        PushReceived push = recognised(parser.parse("push", "g10", HandWrittenWebhooks.json("gitea/push-without-flags.json"),
                acmeApp()), PushReceived.class);

        assertThat(push.branch()).isEqualTo("main");
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.commits()).extracting(Commit::id).containsExactly("b".repeat(40), "c".repeat(40));
        assertThat(push.headCommit()).isEqualTo(new Commit("c".repeat(40), "Add feature\n", "Cy"));
        assertThat(push.changedPaths()).isEqualTo(new ChangedPaths(List.of("feature.go"), List.of("Makefile"), List.of()));
        assertThat(push.sender()).as("falls back to the pusher when there is no sender").isEqualTo("cy");
    }

    @Test
    void readsAHandWrittenTagDeletionWithoutFlagsAsDeletedByItsNullAfterSha() {
        // Verifies that a Gitea tag deletion without a deleted flag (and with commits: null) is told by 'after' being
        // all zeros: a deleting push without a head commit.
        PushReceived push = recognised(parser.parse("push", "g11",
                HandWrittenWebhooks.json("gitea/push-tag-deleted-without-flags.json"), acmeApp()), PushReceived.class);

        assertThat(push).isEqualTo(new PushReceived("g11", "gitea", "gitea:acme/app", "acme/app", DECLARED_CLONE_URL,
                "refs/tags/v1.0.0", "c".repeat(40), ZERO_SHA, null, List.of(), "cy", false, true, ChangedPaths.NONE));
    }

    @Test
    void readsAHandWrittenBranchCreationWithoutFlagsAsCreatedByItsNullBeforeSha() {
        // Verifies that a Gitea push of a new branch without a created flag is told by 'before' being all zeros, and
        // that newer Gitea's head_commit is used when the push lists no commits.
        PushReceived push = recognised(parser.parse("push", "g12",
                HandWrittenWebhooks.json("gitea/push-branch-created-without-flags.json"), acmeApp()), PushReceived.class);

        assertThat(push.branch()).isEqualTo("feature");
        assertThat(push.created()).isTrue();
        assertThat(push.deleted()).isFalse();
        assertThat(push.headCommit()).isEqualTo(new Commit("c".repeat(40), "Add feature\n", "Cy"));
        assertThat(push.changedPaths()).isEqualTo(ChangedPaths.NONE);
    }

    @Test
    void callsAReleaseOrPullRequestWithoutWhatItNeedsMalformed() {
        // Verifies that Gitea's release and pull request bodies are held to the same fields as GitHub's.
        assertThat(malformed(parser.parse("release", "g13", json("{\"action\": \"published\"}"), acmeApp())))
                .isEqualTo("the release delivery lacks release");
        assertThat(malformed(parser.parse("pull_request", "g14", json("""
                {"action": "opened", "pull_request": {"number": 0, "head": {"ref": "f", "sha": "a"}, "base": {"ref": "m"}}}"""),
                acmeApp()))).isEqualTo("the pull_request delivery's pull_request.number is not a whole number of 1 or more");
    }

    @Test
    void callsAPushWithoutRefOrAfterMalformed() {
        // Verifies that a push lacking ref or after is malformed with the field named, not ignored or accepted.
        assertThat(parser.parse("push", "g6", json("{\"after\": \"abc\"}"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)"));
        assertThat(parser.parse("push", "g6", json("{\"ref\": \"refs/heads/main\"}"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Malformed("a push delivery needs 'after', the SHA the ref now points to"));
    }

    private static RegisteredRepository declared(JsonNode body) {
        String name = body.path("repository").path("full_name").asString("unknown/unknown");
        return new RegisteredRepository("gitea:" + name, "gitea", name, DECLARED_CLONE_URL);
    }

    private static RegisteredRepository acmeApp() {
        return new RegisteredRepository("gitea:acme/app", "gitea", "acme/app", DECLARED_CLONE_URL);
    }

    private static WebhookHeaders headers(String name, String value) {
        return WebhookHeaders.of(Map.of(name, List.of(value)));
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
