package dev.slipway.ingestion.domain;

import static dev.slipway.ingestion.domain.ParsedEvents.assertCreateOrDeleteMatches;
import static dev.slipway.ingestion.domain.ParsedEvents.assertOrigin;
import static dev.slipway.ingestion.domain.ParsedEvents.assertPingMatches;
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
import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GitHubWebhookParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DECLARED_CLONE_URL = "file:///srv/git/declared.git";
    private static final String NULL_SHA = "0".repeat(40);
    // The actions by which GitHub makes a release public, as its webhook documentation lists them.
    private static final List<String> PUBLISHING = List.of("published", "released", "prereleased", "created");

    private final GitHubWebhookParser parser = new GitHubWebhookParser();
    private final GitHubWebhooks github = new GitHubWebhooks();

    @TestFactory
    Stream<DynamicTest> readsEveryCapturedGitHubPayloadIntoTheEventItsHeaderNamesWithTheBodysValues() {
        // Verifies that every real GitHub payload becomes the event its X-GitHub-Event calls for, holding the values
        // its body gives (refs, SHAs, flags, commits, paths, tags, sender, hook), or is ignored with the reason: a
        // branch's create or delete, and a release's edit or deletion.
        List<CapturedWebhooks.Capture> captures = CapturedWebhooks.github();
        assertThat(captures).extracting(CapturedWebhooks.Capture::event)
                .contains("push", "create", "delete", "release", "pull_request", "ping");
        return captures.stream().map(capture -> dynamicTest(capture.toString(), () -> {
            JsonNode body = capture.json();
            RegisteredRepository repository = declared(body);
            WebhookParseResult result = parser.parse(capture.event(), "delivery-1", body, repository);
            switch (capture.event()) {
                case "push" -> {
                    PushReceived push = recognised(result, PushReceived.class);
                    assertOrigin(push, "delivery-1", repository);
                    assertPushMatches(push, body);
                    assertThat(push.sender()).isEqualTo(body.path("sender").path("login").stringValue());
                }
                case "create" -> assertCreateOrDeleteMatches(result, body, true);
                case "delete" -> assertCreateOrDeleteMatches(result, body, false);
                case "release" -> assertReleaseResultMatches(result, body, PUBLISHING);
                case "pull_request" -> assertPullRequestMatches(recognised(result, PullRequestChanged.class), body);
                case "ping" -> {
                    PingReceived ping = recognised(result, PingReceived.class);
                    assertOrigin(ping, "delivery-1", repository);
                    assertPingMatches(ping, body);
                }
                default -> throw new AssertionError("no expectation for captured event " + capture.event());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> findsTheRepositoryNameInEveryCapturedRepositoryWebhook() {
        // Verifies that repository.full_name is read from every captured payload that has one, and that an
        // organisation webhook, which names no repository, gives none.
        return CapturedWebhooks.github().stream().map(capture -> dynamicTest(capture.name(), () -> {
            JsonNode body = capture.json();
            String fullName = body.path("repository").path("full_name").asString(null);
            assertThat(github.repositoryName(body)).isEqualTo(Optional.ofNullable(fullName));
        }));
    }

    @Test
    void readsTheCapturedBranchPushIntoAPushReceivedWithTheDeclaredCloneUrl() {
        // Verifies every field of the PushReceived made from go-scm's captured branch push.
        JsonNode body = CapturedWebhooks.json("github/go-scm/push.json");
        RegisteredRepository repository = new RegisteredRepository("github:Codertocat/Hello-World", "github",
                "Codertocat/Hello-World", DECLARED_CLONE_URL);

        PushReceived push = recognised(parser.parse("push", "f0ad", body, repository), PushReceived.class);

        assertThat(push.deliveryId()).isEqualTo("f0ad");
        assertThat(push.provider()).isEqualTo("github");
        assertThat(push.repositoryId()).isEqualTo("github:Codertocat/Hello-World");
        assertThat(push.repositoryName()).isEqualTo("Codertocat/Hello-World");
        assertThat(push.cloneUrl()).isEqualTo(DECLARED_CLONE_URL).isNotEqualTo(body.at("/repository/clone_url").stringValue());
        assertThat(push.ref()).isEqualTo("refs/heads/master");
        assertThat(push.branch()).isEqualTo("master");
        assertThat(push.before()).isEqualTo("a10867b14bb761a232cd80139fbd4c0d33264240");
        assertThat(push.after()).isEqualTo("199eddf46df50de8d02e99bf1c5fdb4101338224");
        Commit expected = new Commit("199eddf46df50de8d02e99bf1c5fdb4101338224", "Update README", "Codertocat");
        assertThat(push.headCommit()).isEqualTo(expected);
        assertThat(push.commits()).containsExactly(expected);
        assertThat(push.sender()).isEqualTo("Codertocat");
        assertThat(push.created()).isFalse();
        assertThat(push.deleted()).isFalse();
        assertThat(push.changedPaths()).isEqualTo(new ChangedPaths(List.of(), List.of("README.md"), List.of()));
    }

    @Test
    void readsTheCapturedTagPushAsACreatedTagWithoutCommits() {
        // Verifies that go-scm's captured tag creation (created: true, no commits, a head commit) is a tag push.
        JsonNode body = CapturedWebhooks.json("github/go-scm/push_tag.json");

        PushReceived push = recognised(parser.parse("push", "d1", body, declared(body)), PushReceived.class);

        assertThat(push.tag()).isEqualTo("v0.0.1");
        assertThat(push.branch()).isNull();
        assertThat(push.created()).isTrue();
        assertThat(push.deleted()).isFalse();
        assertThat(push.commits()).isEmpty();
        assertThat(push.changedPaths()).isEqualTo(ChangedPaths.NONE);
        assertThat(push.headCommit().id()).isEqualTo("d2b75aa7797ec26b088fa2dd527e9d2c052fcedd");
        assertThat(push.sender()).isEqualTo("bradrydzewski");
    }

    @Test
    void readsTheCapturedTagAndBranchDeletionsAsDeletingPushesWithoutAHeadCommit() {
        // Verifies that octokit's tag deletion and go-scm's branch deletion (deleted: true, head_commit null) are pushes
        // marked deleted, with the SHA the ref had and no head commit, not malformed and no longer ignored.
        PushReceived tag = recognised(parser.parse("push", "d1", CapturedWebhooks.json("github/octokit/push/payload.json"),
                acmeApp()), PushReceived.class);
        PushReceived branch = recognised(parser.parse("push", "d2",
                CapturedWebhooks.json("github/go-scm/push_branch_delete.json"), acmeApp()), PushReceived.class);

        assertThat(tag).isEqualTo(new PushReceived("d1", "github", "github:acme/app", "acme/app", DECLARED_CLONE_URL,
                "refs/tags/simple-tag", "6113728f27ae82c7b1a177c8d03f9e96e0adf246", NULL_SHA, null, List.of(),
                "Codertocat", false, true, ChangedPaths.NONE, false));
        assertThat(branch).isEqualTo(new PushReceived("d2", "github", "github:acme/app", "acme/app", DECLARED_CLONE_URL,
                "refs/heads/feature-branch", "d2b75aa7797ec26b088fa2dd527e9d2c052fcedd", NULL_SHA, null, List.of(),
                "bradrydzewski", false, true, ChangedPaths.NONE, false));
    }

    @Test
    void readsTheCapturedNewBranchAsACreatedBranchWithTheAddedFile() {
        // Verifies octokit's push of a new branch: created, one commit, and README.md among the added paths.
        PushReceived push = recognised(parser.parse("push", "d1",
                CapturedWebhooks.json("github/octokit/push/with-new-branch.payload.json"), acmeApp()), PushReceived.class);

        assertThat(push.branch()).isEqualTo("master");
        assertThat(push.created()).isTrue();
        assertThat(push.before()).isEqualTo(NULL_SHA);
        assertThat(push.after()).isEqualTo("6113728f27ae82c7b1a177c8d03f9e96e0adf246");
        assertThat(push.changedPaths()).isEqualTo(new ChangedPaths(List.of("README.md"), List.of(), List.of()));
    }

    @Test
    void readsAHandWrittenTagDeletionWithDeletedTrueAndHeadCommitNull() {
        // Verifies the edge case of a tag deletion: deleted: true, head_commit null, no commits, after all zeros.
        PushReceived push = recognised(parser.parse("push", "d3", HandWrittenWebhooks.json("github/push-tag-deleted.json"),
                acmeApp()), PushReceived.class);

        assertThat(push).isEqualTo(new PushReceived("d3", "github", "github:acme/app", "acme/app", DECLARED_CLONE_URL,
                "refs/tags/v1.2.0", "3f786850e387550fdab836ed7e6dc881de23001b", NULL_SHA, null, List.of(), "ada", false,
                true, ChangedPaths.NONE, false));
        assertThat(push.tag()).isEqualTo("v1.2.0");
    }

    @Test
    void readsAHandWrittenTagCreationWithCreatedTrueAndNoCommits() {
        // Verifies a tag push as GitHub sends it for `git push origin v1.2.0`: created, no commits, the tagged head,
        // the bot as sender, and the declared clone URL rather than the body's.
        PushReceived push = recognised(parser.parse("push", "d2", HandWrittenWebhooks.json("github/push-tag-created.json"),
                acmeApp()), PushReceived.class);

        assertThat(push.tag()).isEqualTo("v1.2.0");
        assertThat(push.created()).isTrue();
        assertThat(push.deleted()).isFalse();
        assertThat(push.commits()).isEmpty();
        assertThat(push.changedPaths()).as("the paths of the listed commits, and a tag lists none")
                .isEqualTo(ChangedPaths.NONE);
        assertThat(push.headCommit()).isEqualTo(new Commit("3f786850e387550fdab836ed7e6dc881de23001b", "Release 1.2.0",
                "Ada Lovelace"));
        assertThat(push.cloneUrl()).isEqualTo(DECLARED_CLONE_URL);
        assertThat(push.sender()).isEqualTo("slipway-bot");
    }

    @Test
    void keepsEveryCommitOfAPushInOrderAndTheUnionOfTheirPaths() {
        // Verifies that all commits are carried, oldest first, with whole messages (where skip markers live), and that
        // the changed paths are the union over the commits, each path once per list, in the order first seen.
        PushReceived push = recognised(parser.parse("push", "d4", HandWrittenWebhooks.json("github/push-two-commits.json"),
                acmeApp()), PushReceived.class);

        assertThat(push.commits()).containsExactly(
                new Commit("2222222222222222222222222222222222222222", "Add the parser\n\nWith tests.", "Bo"),
                new Commit("3333333333333333333333333333333333333333", "Fix the build [skip ci]", "Cy"));
        assertThat(push.changedPaths()).isEqualTo(new ChangedPaths(List.of("src/Parser.java", "src/ParserTest.java"),
                List.of("README.md", "pom.xml"), List.of("src/Old.java", "src/ParserTest.java")));
        assertThat(push.sender()).as("falls back to the pusher when there is no sender").isEqualTo("cy");
    }

    @Test
    void readsTheCapturedTagCreateAndDeleteAsTagEventsAndIgnoresTheBranchOnes() {
        // Verifies create and delete of a tag: its name, full ref, no SHA (GitHub sends none) and the sender; and that a
        // branch's create or delete is ignored, with the reason pointing at the push that reports the same.
        TagCreated tag = recognised(parser.parse("create", "c1", CapturedWebhooks.json("github/octokit/create/payload.json"),
                acmeApp()), TagCreated.class);
        TagDeleted deletedTag = recognised(parser.parse("delete", "c3", CapturedWebhooks.json("github/go-scm/tag_delete.json"),
                acmeApp()), TagDeleted.class);

        assertThat(tag).isEqualTo(new TagCreated("c1", "github", "github:acme/app", "acme/app", DECLARED_CLONE_URL,
                "simple-tag", "refs/tags/simple-tag", null, "Codertocat"));
        assertThat(deletedTag).isEqualTo(new TagDeleted("c3", "github", "github:acme/app", "acme/app",
                DECLARED_CLONE_URL, "v0.0.1", "refs/tags/v0.0.1", null, "bradrydzewski"));
        assertThat(parser.parse("create", "c2", CapturedWebhooks.json("github/go-scm/branch_create.json"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("create of branch feature-branch: Slipway reads a branch's "
                        + "creation from the push the host also sends, with created: true"));
        assertThat(parser.parse("delete", "c4", CapturedWebhooks.json("github/go-scm/branch_delete.json"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("delete of branch feature-branch: Slipway reads a branch's "
                        + "deletion from the push the host also sends, with deleted: true"));
    }

    @Test
    void takesATagsFullRefApartRatherThanPrefixingItTwice() {
        // Verifies that a create whose ref is already refs/tags/<name> names the tag, and that refs/tags/ alone,
        // which names no tag, is malformed rather than an event without a tag.
        JsonNode full = json("{\"ref\": \"refs/tags/v2.0.0\", \"ref_type\": \"tag\"}");

        TagCreated tag = recognised(parser.parse("create", "c5", full, acmeApp()), TagCreated.class);

        assertThat(tag.tag()).isEqualTo("v2.0.0");
        assertThat(tag.ref()).isEqualTo("refs/tags/v2.0.0");
        assertThat(malformed(parser.parse("delete", "c6", json("{\"ref\": \"refs/tags/\", \"ref_type\": \"tag\"}"),
                acmeApp()))).isEqualTo("the delete delivery's ref is not a tag name");
    }

    @Test
    void readsTheCapturedPublishedPrereleasedReleasedAndCreatedReleases() {
        // Verifies every field of the ReleasePublished made from go-scm's published release and octokit's pre-release,
        // and that octokit's released and its non-draft created, which GitHub sends beside published, are one too.
        ReleasePublished published = capturedRelease("r1", "github/go-scm/release_published.json");
        ReleasePublished prereleased = capturedRelease("r2", "github/octokit/release/prereleased.payload.json");
        ReleasePublished released = capturedRelease("r3", "github/octokit/release/released.json");
        ReleasePublished created = capturedRelease("r4", "github/octokit/release/created.payload.json");

        assertThat(published).isEqualTo(new ReleasePublished("r1", "github", "github:acme/app", "acme/app",
                DECLARED_CLONE_URL, "published", "v1.0.0", "New release!", "New release!", "test-branch", false,
                "vcalasansh"));
        assertThat(published.ref()).isEqualTo("refs/tags/v1.0.0");
        assertThat(prereleased).isEqualTo(new ReleasePublished("r2", "github", "github:acme/app", "acme/app",
                DECLARED_CLONE_URL, "prereleased", "0.0.1", "", "", "master", true, "Codertocat"));
        assertThat(released.action()).isEqualTo("released");
        assertThat(created.action()).isEqualTo("created");
        assertThat(created.tag()).isEqualTo("0.0.1");
    }

    @Test
    void ignoresAReleaseEditedDeletedOrUnpublishedAndADraftWithTheActionNamed() {
        // Verifies that the actions which make no release public, and a draft saved (GitHub's created with draft:
        // true), are ignored with a reason naming the action, or the draft and its tag.
        assertThat(ignored(parser.parse("release", "r5", CapturedWebhooks.json("github/octokit/release/edited.payload.json"),
                acmeApp()))).isEqualTo("release edited: Slipway reads a release only when it is made public "
                        + "(published, released, prereleased, created)");
        assertThat(ignored(parser.parse("release", "r6", CapturedWebhooks.json("github/octokit/release/deleted.payload.json"),
                acmeApp()))).startsWith("release deleted: ");
        assertThat(ignored(parser.parse("release", "r7", json("{\"action\": \"unpublished\"}"), acmeApp())))
                .as("an ignored action needs no release object").startsWith("release unpublished: ");
        assertThat(ignored(parser.parse("release", "r8", HandWrittenWebhooks.json("github/release-draft-created.json"),
                acmeApp()))).isEqualTo("release created of draft v1.5.0: a draft is not public, and Slipway reads the "
                        + "release once it is published");
    }

    @Test
    void readsAHandWrittenPingWithItsHookAndTheEventsItSends() {
        // Verifies every field of the PingReceived made from a repository webhook's ping, and that hook.id stands in for
        // a missing hook_id.
        PingReceived ping = recognised(parser.parse("ping", "g1", HandWrittenWebhooks.json("github/ping.json"), acmeApp()),
                PingReceived.class);
        PingReceived byHook = recognised(parser.parse("ping", "g2", json("{\"hook\": {\"id\": 7}}"), acmeApp()),
                PingReceived.class);

        assertThat(ping).isEqualTo(new PingReceived("g1", "github", "github:acme/app", "acme/app", DECLARED_CLONE_URL,
                481516, "Design for failure.", List.of("push", "create", "delete", "release", "pull_request"), "ada"));
        assertThat(byHook).isEqualTo(new PingReceived("g2", "github", "github:acme/app", "acme/app", DECLARED_CLONE_URL,
                7, "", List.of(), null));
    }

    @Test
    void readsTheCapturedPullRequestsWithTheirActionBranchesAndHead() {
        // Verifies every field of the PullRequestChanged made from octokit's opened pull request, and that a labelling
        // is passed on as an event with its action rather than ignored.
        PullRequestChanged opened = recognised(parser.parse("pull_request", "p1",
                CapturedWebhooks.json("github/octokit/pull_request/opened.payload.json"), acmeApp()),
                PullRequestChanged.class);
        PullRequestChanged labeled = recognised(parser.parse("pull_request", "p2",
                CapturedWebhooks.json("github/octokit/pull_request/labeled.payload.json"), acmeApp()),
                PullRequestChanged.class);

        assertThat(opened).isEqualTo(new PullRequestChanged("p1", "github", "github:acme/app", "acme/app",
                DECLARED_CLONE_URL, "opened", 2, "Update the README with new information.", "changes",
                "ec26c3e57ca3a959ca5aad62de7213c562f8c821", "master", null, false, "Codertocat"));
        assertThat(opened.fromFork()).isFalse();
        assertThat(labeled.action()).isEqualTo("labeled");
        assertThat(labeled.number()).isEqualTo(2);
    }

    @Test
    void keepsTheForksCloneUrlOfAHandWrittenPullRequestFromAFork() {
        // Verifies that a pull request whose head lives in another repository carries that fork's clone URL.
        PullRequestChanged fromFork = recognised(parser.parse("pull_request", "p3",
                HandWrittenWebhooks.json("github/pull-request-from-fork.json"), acmeApp()), PullRequestChanged.class);

        assertThat(fromFork).isEqualTo(new PullRequestChanged("p3", "github", "github:acme/app", "acme/app",
                DECLARED_CLONE_URL, "synchronize", 17, "Faster parsing", "faster", "5".repeat(40), "main",
                "https://github.com/octo/app.git", false, "octo"));
        assertThat(fromFork.fromFork()).isTrue();
    }

    @Test
    void callsAPushWithoutRefOrAfterMalformedAndNamesTheField() {
        // Verifies that a push lacking what every push carries is malformed, with the missing field named.
        assertThat(parser.parse("push", "d5", json("{\"after\": \"abc\"}"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)"));
        assertThat(malformed(parser.parse("push", "d5", json("{\"ref\": \"refs/heads/main\", \"after\": 42}"), acmeApp())))
                .contains("'after'");
    }

    @Test
    void callsAPushWithACommitWithoutIdOrABadFlagOrPathMalformedAndNamesTheField() {
        // Verifies that a commit with no id, a created flag that is no boolean, a commit list that is no list or a path
        // that is no string makes the push malformed rather than an event with a hole in it.
        String push = "{\"ref\": \"refs/heads/main\", \"after\": \"cccccccccccccccccccccccccccccccccccccccc\", %s}";

        assertThat(malformed(parser.parse("push", "d6", json(push.formatted("\"commits\": [{\"message\": \"no id\"}]")),
                acmeApp()))).isEqualTo("the push delivery lacks commits[0].id");
        assertThat(malformed(parser.parse("push", "d6", json(push.formatted("\"created\": \"yes\"")), acmeApp())))
                .isEqualTo("the push delivery's created is not true or false");
        assertThat(malformed(parser.parse("push", "d6", json(push.formatted("\"commits\": {\"id\": \"c\"}")), acmeApp())))
                .isEqualTo("the push delivery's commits is not a list");
        assertThat(malformed(parser.parse("push", "d6", json(push.formatted(
                "\"commits\": [{\"id\": \"c\", \"added\": [\"a.txt\", 7]}]")), acmeApp())))
                .isEqualTo("the push delivery's commits[0].added[1] is not a string");
    }

    @Test
    void callsReleasesPullRequestsRefEventsAndPingsWithoutWhatTheyNeedMalformedAndNamesTheField() {
        // Verifies the problem named for each new event when a field it cannot do without is absent or invalid.
        assertThat(malformed(parser.parse("release", "m1",
                json("{\"action\": \"published\", \"release\": {\"name\": \"x\"}}"), acmeApp())))
                .isEqualTo("the release delivery lacks release.tag_name");
        assertThat(malformed(parser.parse("release", "m2", json("{\"release\": {\"tag_name\": \"v1\"}}"), acmeApp())))
                .isEqualTo("the release delivery lacks action");
        assertThat(malformed(parser.parse("pull_request", "m3", json("""
                {"action": "opened", "number": 3, "pull_request": {"head": {"ref": "f"}, "base": {"ref": "main"}}}"""),
                acmeApp()))).isEqualTo("the pull_request delivery lacks pull_request.head.sha");
        assertThat(malformed(parser.parse("pull_request", "m4", json("""
                {"action": "opened", "number": -3, "pull_request": {"head": {"ref": "f", "sha": "a"}, "base": {"ref": "m"}}}"""),
                acmeApp()))).isEqualTo("the pull_request delivery's number is not a whole number of 1 or more");
        assertThat(malformed(parser.parse("create", "m5", json("{\"ref\": \"v1\"}"), acmeApp())))
                .isEqualTo("the create delivery lacks ref_type");
        assertThat(malformed(parser.parse("delete", "m6", json("{\"ref_type\": \"tag\"}"), acmeApp())))
                .isEqualTo("the delete delivery lacks ref");
        assertThat(malformed(parser.parse("release", "m7",
                json("{\"action\": \"created\", \"release\": {\"tag_name\": \"v1\", \"draft\": \"no\"}}"), acmeApp())))
                .isEqualTo("the release delivery's release.draft is not true or false");
        assertThat(malformed(parser.parse("ping", "m8", json("{\"zen\": \"Keep it logically awesome.\"}"), acmeApp())))
                .isEqualTo("the ping delivery lacks hook_id");
        assertThat(malformed(parser.parse("ping", "m9", json("{\"hook_id\": 0}"), acmeApp())))
                .isEqualTo("the ping delivery's hook_id is not a whole number of 1 or more");
        assertThat(malformed(parser.parse("ping", "m10", json("{\"hook_id\": 3, \"hook\": {\"events\": [\"push\", 1]}}"),
                acmeApp()))).isEqualTo("the ping delivery's hook.events[1] is not a string");
    }

    @Test
    void ignoresPushesOfRefsThatAreNeitherBranchesNorTagsAndCreatesOfOtherKinds() {
        // Verifies that a push to refs/notes/* and a create of a repository are ignored with the ref or kind named.
        JsonNode notes = json("{\"ref\": \"refs/notes/commits\", \"after\": \"cccccccccccccccccccccccccccccccccccccccc\"}");

        assertThat(parser.parse("push", "d7", notes, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("ref refs/notes/commits is neither a branch nor a tag"));
        assertThat(parser.parse("create", "d8", json("{\"ref\": \"app\", \"ref_type\": \"repository\"}"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("create of a repository, which is neither a branch nor a tag"));
    }

    @Test
    void namesEveryUnhandledEventInItsReason() {
        // Verifies the reason given for an event Slipway has no use for.
        JsonNode body = json("{\"zen\": \"Keep it logically awesome.\", \"repository\": {\"full_name\": \"acme/app\"}}");

        assertThat(parser.parse("issues", "d9", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("event issues is not handled"));
    }

    private static RegisteredRepository declared(JsonNode body) {
        String name = body.path("repository").path("full_name").asString("someone/unnamed");
        return new RegisteredRepository("github:" + name, "github", name, DECLARED_CLONE_URL);
    }

    private ReleasePublished capturedRelease(String deliveryId, String capture) {
        return recognised(parser.parse("release", deliveryId, CapturedWebhooks.json(capture), acmeApp()),
                ReleasePublished.class);
    }

    private static RegisteredRepository acmeApp() {
        return new RegisteredRepository("github:acme/app", "github", "acme/app", DECLARED_CLONE_URL);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
    }
}
