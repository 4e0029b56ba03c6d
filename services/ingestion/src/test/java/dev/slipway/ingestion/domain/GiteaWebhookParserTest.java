package dev.slipway.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.slipway.model.scm.Commit;
import dev.slipway.model.scm.PushReceived;
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
    Stream<DynamicTest> readsEveryCapturedGiteaPayloadAsAnEventOrAnIgnoredDeliveryNeverAsMalformed() {
        // Verifies that every real Gitea payload names its repository and gives the result its event calls for:
        // a push becomes PushReceived, every other event is ignored by name.
        List<CapturedWebhooks.Capture> captures = CapturedWebhooks.gitea();
        assertThat(captures).as("SOURCES.md lists the Gitea captures").isNotEmpty();
        return captures.stream().map(capture -> dynamicTest(capture.name() + " (" + capture.event() + ")", () -> {
            JsonNode body = JSON.readTree(capture.bytes());
            String fullName = body.path("repository").path("full_name").stringValue();
            assertThat(fullName).isNotBlank();
            assertThat(gitea.repositoryName(body)).isEqualTo(Optional.of(fullName));
            WebhookParseResult result = parser.parse(capture.event(), "delivery-1", body, declared(body));
            if (capture.event().equals("push")) {
                PushReceived push = recognisedPush(result);
                assertThat(push.ref()).isEqualTo(body.path("ref").stringValue());
                assertThat(push.after()).isEqualTo(body.path("after").stringValue());
                assertThat(push.commits()).hasSize(body.path("commits").size());
            } else {
                assertThat(result).isEqualTo(new WebhookParseResult.Ignored("event " + capture.event() + " is not handled"));
            }
        }));
    }

    @Test
    void readsTheCapturedPushWhichHasNoHeadCommitIntoAPushReceived() throws Exception {
        // Verifies every field of the PushReceived made from go-scm's captured Gitea push, whose head commit is the
        // listed commit that 'after' names, since the body has no head_commit.
        JsonNode body = JSON.readTree(CapturedWebhooks.read("gitea/go-scm/push.json"));
        assertThat(body.has("head_commit")).isFalse();

        PushReceived push = recognisedPush(parser.parse("push", "g1", body, declared(body)));

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
        // Verifies that a Gitea push body lacking created/deleted (as older Gitea sends) is a push, not malformed.
        JsonNode body = json("""
                {"ref": "refs/heads/main", "before": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "after": "cccccccccccccccccccccccccccccccccccccccc",
                 "commits": [
                   {"id": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "message": "Fix build", "author": {"name": "Bo"}},
                   {"id": "cccccccccccccccccccccccccccccccccccccccc", "message": "Add feature", "author": {"name": "Cy"}}],
                 "repository": {"full_name": "acme/app"}, "pusher": {"login": "cy", "username": "cy"}}""");

        PushReceived push = recognisedPush(parser.parse("push", "g2", body, acmeApp()));

        assertThat(push.commits()).hasSize(2);
        assertThat(push.headCommit()).isEqualTo(new Commit("cccccccccccccccccccccccccccccccccccccccc", "Add feature", "Cy"));
        assertThat(push.sender()).as("falls back to the pusher when there is no sender").isEqualTo("cy");
    }

    @Test
    void ignoresAHandWrittenDeletionWithoutFlagsByItsNullAfterSha() {
        // Verifies that a Gitea branch or tag deletion without a deleted flag is told by 'after' being all zeros.
        JsonNode branch = json("""
                {"ref": "refs/heads/feature", "before": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "after": "%s", "commits": [], "repository": {"full_name": "acme/app"}}""".formatted(ZERO_SHA));
        JsonNode tag = json("""
                {"ref": "refs/tags/v1.0.0", "before": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "after": "%s", "commits": null, "repository": {"full_name": "acme/app"}}""".formatted(ZERO_SHA));

        assertThat(parser.parse("push", "g3", branch, acmeApp())).isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
        assertThat(parser.parse("push", "g4", tag, acmeApp())).isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
    }

    @Test
    void readsAHandWrittenTagPushWithItsHeadCommitAndNoCommits() {
        // Verifies a tag push as newer Gitea sends it: no commits, a head_commit, and the tag named by the ref.
        JsonNode body = json("""
                {"ref": "refs/tags/v1.2.0", "before": "%s", "after": "1111111111111111111111111111111111111111",
                 "commits": [], "head_commit": {"id": "1111111111111111111111111111111111111111",
                 "message": "Release 1.2.0", "author": {"name": "Ada"}},
                 "repository": {"full_name": "acme/app"}, "sender": {"login": "ada"}}""".formatted(ZERO_SHA));

        PushReceived push = recognisedPush(parser.parse("push", "g5", body, acmeApp()));

        assertThat(push.tag()).isEqualTo("v1.2.0");
        assertThat(push.commits()).isEmpty();
        assertThat(push.headCommit()).isEqualTo(new Commit("1111111111111111111111111111111111111111", "Release 1.2.0", "Ada"));
        assertThat(push.sender()).isEqualTo("ada");
    }

    @Test
    void callsAPushWithoutRefOrAfterMalformed() {
        // Verifies that a push lacking ref or after is malformed with the field named, not ignored or accepted.
        assertThat(parser.parse("push", "g6", json("{\"after\": \"abc\"}"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Malformed("a push delivery needs 'ref' (such as refs/heads/main)"));
        assertThat(parser.parse("push", "g6", json("{\"ref\": \"refs/heads/main\"}"), acmeApp()))
                .isEqualTo(new WebhookParseResult.Malformed("a push delivery needs 'after', the SHA the ref now points to"));
    }

    private static PushReceived recognisedPush(WebhookParseResult result) {
        assertThat(result).isInstanceOf(WebhookParseResult.Recognised.class);
        return (PushReceived) ((WebhookParseResult.Recognised) result).event();
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
