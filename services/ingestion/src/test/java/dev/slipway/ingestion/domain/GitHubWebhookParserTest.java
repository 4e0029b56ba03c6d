package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GitHubWebhookParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DECLARED_CLONE_URL = "file:///srv/git/declared.git";

    private final GitHubWebhookParser parser = new GitHubWebhookParser();
    private final GitHubWebhooks github = new GitHubWebhooks();

    @TestFactory
    Stream<DynamicTest> readsEveryCapturedGitHubPayloadAsAnEventOrAnIgnoredDeliveryNeverAsMalformed() {
        // Verifies that every real GitHub payload gives the result its event calls for: pushes of live refs become
        // PushReceived, deletions and pings are ignored with their reason, other events are ignored by name.
        return CapturedWebhooks.github().stream().map(capture -> dynamicTest(capture.name() + " (" + capture.event() + ")",
                () -> {
                    JsonNode body = JSON.readTree(capture.bytes());
                    WebhookParseResult result = parser.parse(capture.event(), "delivery-1", body, declared(body));
                    switch (capture.event()) {
                        case "push" -> {
                            if (body.path("deleted").asBoolean()) {
                                assertThat(result).isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
                            } else {
                                assertThat(result).isInstanceOf(WebhookParseResult.Recognised.class);
                                PushReceived push = (PushReceived) ((WebhookParseResult.Recognised) result).event();
                                assertThat(push.ref()).isEqualTo(body.path("ref").stringValue());
                                assertThat(push.after()).isEqualTo(body.path("after").stringValue());
                                assertThat(push.cloneUrl()).isEqualTo(DECLARED_CLONE_URL);
                                assertThat(push.commits()).hasSize(body.path("commits").size());
                                assertThat(push.sender()).isEqualTo(body.path("sender").path("login").stringValue());
                            }
                        }
                        case "ping" -> assertThat(result).isEqualTo(new WebhookParseResult.Ignored("ping"));
                        default -> assertThat(result).isEqualTo(
                                new WebhookParseResult.Ignored("event " + capture.event() + " is not handled"));
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> findsTheRepositoryNameInEveryCapturedRepositoryWebhook() {
        // Verifies that repository.full_name is read from every captured payload that has one, and that an
        // organisation webhook, which names no repository, gives none.
        return CapturedWebhooks.github().stream().map(capture -> dynamicTest(capture.name(), () -> {
            JsonNode body = JSON.readTree(capture.bytes());
            String fullName = body.path("repository").path("full_name").asString(null);
            assertThat(github.repositoryName(body)).isEqualTo(java.util.Optional.ofNullable(fullName));
        }));
    }

    @Test
    void readsTheCapturedBranchPushIntoAPushReceivedWithTheDeclaredCloneUrl() throws Exception {
        // Verifies every field of the PushReceived made from go-scm's captured branch push.
        JsonNode body = JSON.readTree(CapturedWebhooks.read("github/go-scm/push.json"));
        RegisteredRepository repository = new RegisteredRepository("github:Codertocat/Hello-World", "github",
                "Codertocat/Hello-World", DECLARED_CLONE_URL);

        PushReceived push = recognisedPush(parser.parse("push", "f0ad", body, repository));

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
    }

    @Test
    void readsTheCapturedTagPushAsAPushOfATagWithoutCommits() throws Exception {
        // Verifies that go-scm's captured tag creation (created: true, no commits, a head commit) is a tag push.
        JsonNode body = JSON.readTree(CapturedWebhooks.read("github/go-scm/push_tag.json"));

        PushReceived push = recognisedPush(parser.parse("push", "d1", body, declared(body)));

        assertThat(push.tag()).isEqualTo("v0.0.1");
        assertThat(push.branch()).isNull();
        assertThat(push.commits()).isEmpty();
        assertThat(push.headCommit().id()).isEqualTo("d2b75aa7797ec26b088fa2dd527e9d2c052fcedd");
    }

    @Test
    void ignoresTheCapturedTagDeletion() throws Exception {
        // Verifies that octokit's captured tag deletion (deleted: true, head_commit null) is ignored as a deleted ref.
        JsonNode body = JSON.readTree(CapturedWebhooks.read("github/octokit/push/payload.json"));

        assertThat(body.path("head_commit").isNull()).isTrue();
        assertThat(parser.parse("push", "d1", body, declared(body)))
                .isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
    }

    @Test
    void readsAHandWrittenTagPushWithCreatedAndNoCommits() {
        // Verifies a tag push as GitHub sends it for `git push origin v1.2.0`: created, no commits, the tagged head.
        JsonNode body = json("""
                {"ref": "refs/tags/v1.2.0", "before": "0000000000000000000000000000000000000000",
                 "after": "1111111111111111111111111111111111111111", "created": true, "deleted": false,
                 "base_ref": "refs/heads/main", "commits": [],
                 "head_commit": {"id": "1111111111111111111111111111111111111111", "message": "Release 1.2.0",
                                 "author": {"name": "Ada", "email": "ada@example.com"}},
                 "repository": {"full_name": "acme/app", "clone_url": "https://evil.example/app.git"},
                 "sender": {"login": "ada"}}""");

        PushReceived push = recognisedPush(parser.parse("push", "d2", body, acmeApp()));

        assertThat(push.tag()).isEqualTo("v1.2.0");
        assertThat(push.commits()).isEmpty();
        assertThat(push.headCommit()).isEqualTo(new Commit("1111111111111111111111111111111111111111", "Release 1.2.0", "Ada"));
        assertThat(push.cloneUrl()).isEqualTo(DECLARED_CLONE_URL);
        assertThat(push.sender()).isEqualTo("ada");
    }

    @Test
    void ignoresAHandWrittenTagDeletionWhoseHeadCommitIsNull() {
        // Verifies that a tag deletion (deleted: true, head_commit null, after all zeros) is ignored, not malformed.
        JsonNode body = json("""
                {"ref": "refs/tags/v1.2.0", "before": "1111111111111111111111111111111111111111",
                 "after": "0000000000000000000000000000000000000000", "created": false, "deleted": true,
                 "commits": [], "head_commit": null, "repository": {"full_name": "acme/app"}}""");

        assertThat(parser.parse("push", "d3", body, acmeApp())).isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
    }

    @Test
    void keepsEveryCommitOfAPushInOrderWithItsMessageAndAuthor() {
        // Verifies that all commits are carried, oldest first, with whole messages (where skip markers live).
        JsonNode body = json("""
                {"ref": "refs/heads/main", "before": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "after": "cccccccccccccccccccccccccccccccccccccccc",
                 "commits": [
                   {"id": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "message": "Fix build\\n\\n[skip ci]", "author": {"name": "Bo"}},
                   {"id": "cccccccccccccccccccccccccccccccccccccccc", "message": "Add feature", "author": {"name": "Cy"}}],
                 "head_commit": {"id": "cccccccccccccccccccccccccccccccccccccccc", "message": "Add feature", "author": {"name": "Cy"}},
                 "repository": {"full_name": "acme/app"}, "pusher": {"name": "cy"}}""");

        PushReceived push = recognisedPush(parser.parse("push", "d4", body, acmeApp()));

        assertThat(push.commits()).containsExactly(
                new Commit("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "Fix build\n\n[skip ci]", "Bo"),
                new Commit("cccccccccccccccccccccccccccccccccccccccc", "Add feature", "Cy"));
        assertThat(push.sender()).as("falls back to the pusher when there is no sender").isEqualTo("cy");
    }

    @Test
    void callsAPushWithoutRefOrAfterMalformedAndNamesTheField() {
        // Verifies that a push lacking what every push carries is malformed, with the missing field named.
        assertThat(parser.parse("push", "d5", json("{\"after\": \"abc\"}"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)"));
        assertThat(parser.parse("push", "d5", json("{\"ref\": \"refs/heads/main\", \"after\": 42}"), acmeApp()))
                .isInstanceOf(WebhookParseResult.Malformed.class)
                .extracting(r -> ((WebhookParseResult.Malformed) r).problem()).asString().contains("'after'");
    }

    @Test
    void callsACommitWithoutIdMalformed() {
        // Verifies that a commit with no id makes the push malformed rather than an event with a hole in it.
        JsonNode body = json("""
                {"ref": "refs/heads/main", "after": "cccccccccccccccccccccccccccccccccccccccc",
                 "commits": [{"message": "no id"}], "head_commit": null}""");

        assertThat(parser.parse("push", "d6", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Malformed("the push delivery lacks commits[0].id"));
    }

    @Test
    void ignoresPushesOfRefsThatAreNeitherBranchesNorTags() {
        // Verifies that a push to refs/notes/* (not a branch or tag) is ignored with the ref named.
        JsonNode body = json("{\"ref\": \"refs/notes/commits\", \"after\": \"cccccccccccccccccccccccccccccccccccccccc\"}");

        assertThat(parser.parse("push", "d7", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("ref refs/notes/commits is neither a branch nor a tag"));
    }

    @Test
    void ignoresPingAndNamesEveryOtherUnhandledEvent() {
        // Verifies the reasons given for a ping and for an event the skeleton does not handle.
        JsonNode body = json("{\"zen\": \"Keep it logically awesome.\", \"repository\": {\"full_name\": \"acme/app\"}}");

        assertThat(parser.parse("ping", "d8", body, acmeApp())).isEqualTo(new WebhookParseResult.Ignored("ping"));
        assertThat(parser.parse("issues", "d9", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("event issues is not handled"));
    }

    private static PushReceived recognisedPush(WebhookParseResult result) {
        assertThat(result).isInstanceOf(WebhookParseResult.Recognised.class);
        return (PushReceived) ((WebhookParseResult.Recognised) result).event();
    }

    private static RegisteredRepository declared(JsonNode body) {
        String name = body.path("repository").path("full_name").asString("someone/unnamed");
        return new RegisteredRepository("github:" + name, "github", name, DECLARED_CLONE_URL);
    }

    private static RegisteredRepository acmeApp() {
        return new RegisteredRepository("github:acme/app", "github", "acme/app", DECLARED_CLONE_URL);
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text.getBytes(StandardCharsets.UTF_8));
    }
}
