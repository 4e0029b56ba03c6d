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

class GitLabWebhookParserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DECLARED_CLONE_URL = "file:///srv/git/declared.git";
    private static final String ZERO_SHA = "0".repeat(40);

    private final GitLabWebhookParser parser = new GitLabWebhookParser();
    private final GitLabWebhooks gitlab = new GitLabWebhooks();

    @TestFactory
    Stream<DynamicTest> readsEveryCapturedGitLabPayloadAsAnEventOrAnIgnoredDeliveryNeverAsMalformed() {
        // Verifies that every real GitLab payload names its project and gives the result its event calls for:
        // pushes of live refs become PushReceived, deleted refs are ignored as such, other events by name.
        List<CapturedWebhooks.Capture> captures = CapturedWebhooks.gitlab();
        assertThat(captures).as("SOURCES.md lists the GitLab captures").isNotEmpty();
        return captures.stream().map(capture -> dynamicTest(capture.name() + " (" + capture.event() + ")", () -> {
            JsonNode body = JSON.readTree(capture.bytes());
            String path = body.path("project").path("path_with_namespace").stringValue();
            assertThat(path).isNotBlank();
            assertThat(gitlab.repositoryName(body)).isEqualTo(Optional.of(path));
            WebhookParseResult result = parser.parse(capture.event(), "delivery-1", body, declared(body));
            switch (capture.event()) {
                case "Push Hook", "Tag Push Hook" -> {
                    if (body.path("after").stringValue().equals(ZERO_SHA)) {
                        assertThat(result).isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
                    } else {
                        PushReceived push = recognisedPush(result);
                        assertThat(push.ref()).isEqualTo(body.path("ref").stringValue());
                        assertThat(push.after()).isEqualTo(body.path("after").stringValue());
                        assertThat(push.commits()).hasSize(body.path("commits").size());
                        assertThat(push.sender()).isEqualTo(body.path("user_username").stringValue());
                    }
                }
                default -> assertThat(result)
                        .isEqualTo(new WebhookParseResult.Ignored("event " + capture.event() + " is not handled"));
            }
        }));
    }

    @Test
    void readsTheCapturedBranchPushIntoAPushReceivedWhoseHeadIsTheCheckoutCommit() throws Exception {
        // Verifies every field of the PushReceived made from go-scm's captured GitLab push.
        JsonNode body = JSON.readTree(CapturedWebhooks.read("gitlab/go-scm/push.json"));

        PushReceived push = recognisedPush(parser.parse("Push Hook", "l1", body, declared(body)));

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
    }

    @Test
    void readsTheCapturedTagPushAndIgnoresTheCapturedTagDeletion() throws Exception {
        // Verifies go-scm's tag pair: the creation is a push of the tag, the deletion (checkout_sha null) is ignored.
        JsonNode created = JSON.readTree(CapturedWebhooks.read("gitlab/go-scm/tag_create.json"));
        JsonNode deleted = JSON.readTree(CapturedWebhooks.read("gitlab/go-scm/tag_delete.json"));

        assertThat(recognisedPush(parser.parse("Tag Push Hook", "l2", created, declared(created))).tag())
                .isEqualTo("v1.0.0");
        assertThat(deleted.path("checkout_sha").isNull()).isTrue();
        assertThat(parser.parse("Tag Push Hook", "l3", deleted, declared(deleted)))
                .isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
    }

    @Test
    void readsTheProjectPathWithSubgroups() throws Exception {
        // Verifies that a project in nested subgroups is named by its whole path, as it is declared.
        JsonNode body = JSON.readTree(CapturedWebhooks.read("gitlab/go-scm/push_subgroup.json"));

        assertThat(gitlab.repositoryName(body)).isEqualTo(Optional.of("group1/group2/group3/grp2repo"));
    }

    @Test
    void ignoresAHandWrittenTagDeleteWithCheckoutShaNull() {
        // Verifies that a GitLab tag delete (checkout_sha: null, after all zeros, no commits) is ignored, not malformed.
        JsonNode body = json("""
                {"object_kind": "tag_push", "ref": "refs/tags/v2.0.0",
                 "before": "1111111111111111111111111111111111111111", "after": "%s", "checkout_sha": null,
                 "user_username": "ada", "project": {"path_with_namespace": "acme/app"},
                 "commits": [], "total_commits_count": 0}""".formatted(ZERO_SHA));

        assertThat(parser.parse("Tag Push Hook", "l4", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
    }

    @Test
    void treatsAnExplicitlyNullCheckoutShaAsADeletionButAnAbsentOneAsAPush() {
        // Verifies that only checkout_sha: null marks a deletion; a body without the field is read as a push of 'after'.
        String template = """
                {"ref": "refs/heads/main", "before": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "after": "cccccccccccccccccccccccccccccccccccccccc", %s
                 "commits": [{"id": "cccccccccccccccccccccccccccccccccccccccc", "message": "Add", "author": {"name": "Cy"}}],
                 "user_name": "Cy Young", "project": {"path_with_namespace": "acme/app"}}""";

        assertThat(parser.parse("Push Hook", "l5", json(template.formatted("\"checkout_sha\": null,")), acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("ref deleted"));
        PushReceived push = recognisedPush(parser.parse("Push Hook", "l6", json(template.formatted("")), acmeApp()));
        assertThat(push.headCommit()).isEqualTo(new Commit("cccccccccccccccccccccccccccccccccccccccc", "Add", "Cy"));
        assertThat(push.sender()).as("falls back to the user's name without a username").isEqualTo("Cy Young");
    }

    @Test
    void namesEveryOtherEventAsNotHandled() {
        // Verifies that merge requests, releases and system hooks are ignored with the event named.
        JsonNode body = json("{\"object_kind\": \"merge_request\", \"project\": {\"path_with_namespace\": \"acme/app\"}}");

        assertThat(parser.parse("Merge Request Hook", "l7", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("event Merge Request Hook is not handled"));
        assertThat(parser.parse("System Hook", "l8", body, acmeApp()))
                .isEqualTo(new WebhookParseResult.Ignored("event System Hook is not handled"));
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

    private static PushReceived recognisedPush(WebhookParseResult result) {
        assertThat(result).isInstanceOf(WebhookParseResult.Recognised.class);
        return (PushReceived) ((WebhookParseResult.Recognised) result).event();
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
