package dev.slipway.testkit.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.testkit.git.LocalGitRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GitHubWebhookTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Where CI keeps the captured payloads: beside the checkout, as SOURCES.md there says. */
    private static final Path CAPTURED = Path.of("../../shared/fixtures/webhooks/github/go-scm");
    private static final String SHA_A = "a".repeat(40);
    private static final String SHA_B = "b".repeat(40);

    @Test
    void signsLikeOpensslAndTheExampleInGitHubsDocs() {
        // Verifies the signature against HMAC-SHA256 vectors computed independently with `openssl dgst -sha256 -hmac`.
        assertThat(GitHubWebhook.signature("secret", "hello".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=88aab3ede8d3adf94d26ab90d3bafd4a2083070c3bcce9c014ee04a443847c0b");
        assertThat(GitHubWebhook.signature("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void reproducesTheSignatureKnownForTheCapturedGitHubPush() throws Exception {
        // Verifies the signature over the exact bytes of a captured GitHub push, whose signature is known from its source.
        Path captured = CAPTURED.resolve("push.json");
        assumeTrue(Files.exists(captured), "the shared fixtures are not beside the checkout: " + captured.toAbsolutePath());
        assertThat(GitHubWebhook.signature("topsecret", Files.readAllBytes(captured)))
                .isEqualTo("sha256=e3bfe744d4e2e29ed990bde8acfb8255ca51ef65f99657767989fb6349f32957");
    }

    @Test
    void sendsThePushWithGitHubsHeadersAndASignatureOverTheExactBody() {
        // Verifies the headers of a push delivery and that its signature header matches its body.
        WebhookDelivery delivery = GitHubWebhook.push("acme/app").deliveryId("7f0b3e2c-1111-4c4c-9a9a-0123456789ab")
                .deliver("s3cret");

        assertThat(delivery.headers()).containsEntry("X-GitHub-Event", "push")
                .containsEntry("X-GitHub-Delivery", "7f0b3e2c-1111-4c4c-9a9a-0123456789ab")
                .containsEntry("Content-Type", "application/json")
                .containsKey("X-Hub-Signature")
                .containsEntry("X-GitHub-Hook-Installation-Target-Type", "repository");
        assertThat(delivery.header("x-hub-signature-256")).isEqualTo(GitHubWebhook.signature("s3cret", delivery.body()));
        assertThat(delivery.event()).isEqualTo("push");
    }

    @Test
    void givesEachDeliveryItsOwnUuidUnlessOneIsSet() {
        // Verifies that delivery ids are fresh UUIDs, so that tests sharing a database do not collide.
        String first = GitHubWebhook.push("acme/app").deliver("s").deliveryId();
        String second = GitHubWebhook.push("acme/app").deliver("s").deliveryId();
        assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
    }

    @Test
    void leavesSignatureHeadersOutWithoutASecret() {
        // Verifies that an unsigned delivery looks like one from a webhook that has no secret.
        WebhookDelivery delivery = GitHubWebhook.push("acme/app").deliver(null);
        assertThat(delivery.header("X-Hub-Signature-256")).isNull();
        assertThat(delivery.header("X-Hub-Signature")).isNull();
    }

    @Test
    void writesTheFieldsOfACapturedGitHubPush() throws Exception {
        // Verifies that the body has every top-level and head_commit field of a captured GitHub push, and the repository's core ones.
        JsonNode ours = JSON.readTree(GitHubWebhook.push("acme/app").body());

        assertThat(names(ours)).containsExactly("ref", "before", "after", "created", "deleted", "forced", "base_ref",
                "compare", "commits", "head_commit", "repository", "pusher", "sender");
        assertThat(names(ours.get("repository"))).contains("id", "node_id", "name", "full_name", "private", "owner",
                "html_url", "clone_url", "git_url", "ssh_url", "default_branch", "master_branch", "pushed_at");
        assertThat(names(ours.get("repository").get("owner"))).contains("login", "name", "email", "id");
        assertThat(names(ours.get("head_commit").get("author"))).contains("name", "email", "username");

        Path captured = CAPTURED.resolve("push.json");
        assumeTrue(Files.exists(captured), "the shared fixtures are not beside the checkout: " + captured.toAbsolutePath());
        JsonNode real = JSON.readTree(Files.readAllBytes(captured));
        assertThat(names(ours)).containsExactlyInAnyOrderElementsOf(names(real));
        assertThat(names(ours.get("head_commit"))).containsExactlyInAnyOrderElementsOf(names(real.get("head_commit")));
        assertThat(names(ours.get("pusher"))).containsExactlyInAnyOrderElementsOf(names(real.get("pusher")));
        assertThat(ours.get("created").isBoolean()).isEqualTo(real.get("created").isBoolean());
        assertThat(ours.get("repository").get("id").isIntegralNumber()).isTrue();
        assertThat(ours.get("repository").get("pushed_at").isIntegralNumber())
                .isEqualTo(real.get("repository").get("pushed_at").isIntegralNumber());
    }

    @Test
    void describesABranchPushWithItsCommitsAndRepository() throws Exception {
        // Verifies ref, before, after, head commit, commit list, repository names and sender of a two-commit push.
        byte[] body = GitHubWebhook.push("acme/app")
                .branch("release/1.x")
                .before(SHA_A)
                .commit(SHA_B, "Prepare")
                .commit(PushCommit.of("c".repeat(40), "Release 1.2 [skip ci]").withAuthor("Ada", "ada@example.com", "ada"))
                .cloneUrl("file:///tmp/app")
                .sender("ada")
                .body();
        JsonNode push = JSON.readTree(body);

        assertThat(push.get("ref").asString()).isEqualTo("refs/heads/release/1.x");
        assertThat(push.get("before").asString()).isEqualTo(SHA_A);
        assertThat(push.get("after").asString()).isEqualTo("c".repeat(40));
        assertThat(push.get("created").asBoolean()).isFalse();
        assertThat(push.get("deleted").asBoolean()).isFalse();
        assertThat(push.get("commits")).hasSize(2);
        assertThat(push.get("head_commit").get("message").asString()).isEqualTo("Release 1.2 [skip ci]");
        assertThat(push.get("head_commit").get("author").get("email").asString()).isEqualTo("ada@example.com");
        assertThat(push.get("repository").get("full_name").asString()).isEqualTo("acme/app");
        assertThat(push.get("repository").get("name").asString()).isEqualTo("app");
        assertThat(push.get("repository").get("owner").get("login").asString()).isEqualTo("acme");
        assertThat(push.get("repository").get("clone_url").asString()).isEqualTo("file:///tmp/app");
        assertThat(push.get("repository").get("html_url").asString()).isEqualTo("https://github.com/acme/app");
        assertThat(push.get("sender").get("login").asString()).isEqualTo("ada");
        assertThat(push.get("compare").asString()).endsWith("/compare/aaaaaaaaaaaa...cccccccccccc");
    }

    @Test
    void describesANewTagWithoutCommitsAndADeletedBranchWithoutHead() throws Exception {
        // Verifies the two pushes that carry no commit message: a created tag and a deleted branch.
        JsonNode tag = JSON.readTree(GitHubWebhook.push("acme/app").tag("v1.2.0").created().after(SHA_B)
                .baseRef("refs/heads/main").body());
        assertThat(tag.get("ref").asString()).isEqualTo("refs/tags/v1.2.0");
        assertThat(tag.get("created").asBoolean()).isTrue();
        assertThat(tag.get("before").asString()).isEqualTo(GitHubWebhook.ZERO_SHA);
        assertThat(tag.get("after").asString()).isEqualTo(SHA_B);
        assertThat(tag.get("base_ref").asString()).isEqualTo("refs/heads/main");
        assertThat(tag.get("commits")).isEmpty();
        assertThat(tag.get("head_commit").isNull()).isTrue();

        JsonNode deleted = JSON.readTree(GitHubWebhook.push("acme/app").branch("old").before(SHA_A).deleted().body());
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(deleted.get("after").asString()).isEqualTo(GitHubWebhook.ZERO_SHA);
        assertThat(deleted.get("head_commit").isNull()).isTrue();
        assertThat(deleted.get("commits")).isEmpty();
    }

    @Test
    void describesThePushOfALocalRepositorysHead() throws Exception {
        // Verifies that a push built from a local repository names its branch, clone URL, head commit and parent.
        try (LocalGitRepository repository = LocalGitRepository.create()) {
            String first = repository.writeFile("README.md", "hello\n").commit("Initial commit");
            String second = repository.writeFile(".slipway.yml", "version: 1\n").commit("Add pipeline", "Ada", "ada@example.com");

            JsonNode push = JSON.readTree(GitHubWebhook.push("acme/app").from(repository).body());

            assertThat(push.get("ref").asString()).isEqualTo("refs/heads/main");
            assertThat(push.get("before").asString()).isEqualTo(first);
            assertThat(push.get("after").asString()).isEqualTo(second);
            assertThat(push.get("head_commit").get("message").asString()).isEqualTo("Add pipeline");
            assertThat(push.get("head_commit").get("author").get("name").asString()).isEqualTo("Ada");
            assertThat(push.get("head_commit").get("added").get(0).asString()).isEqualTo(".slipway.yml");
            assertThat(push.get("repository").get("clone_url").asString()).isEqualTo(repository.cloneUrl());
        }
    }

    @Test
    void keepsTheOriginalSignatureWhenTheBodyIsTamperedWith() {
        // Verifies that withBody does not re-sign, so a test can send a body that fails verification.
        WebhookDelivery original = GitHubWebhook.push("acme/app").deliver("s3cret");
        WebhookDelivery tampered = original.withBody("{\"ref\":\"refs/heads/evil\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(tampered.header("X-Hub-Signature-256")).isEqualTo(original.header("X-Hub-Signature-256"))
                .isNotEqualTo(GitHubWebhook.signature("s3cret", tampered.body()));
    }

    @Test
    void signsACapturedBodyAsAnyEvent() {
        // Verifies that delivery() signs a given body as it is, under the given event name.
        byte[] body = "{\"zen\":\"Keep it logically awesome.\"}".getBytes(StandardCharsets.UTF_8);
        WebhookDelivery ping = GitHubWebhook.delivery("ping", body, "s3cret");
        assertThat(ping.event()).isEqualTo("ping");
        assertThat(ping.body()).isEqualTo(body);
        assertThat(ping.header("X-Hub-Signature-256")).isEqualTo(GitHubWebhook.signature("s3cret", body));
    }

    @Test
    void rejectsARepositoryNameWithoutOwner() {
        // Verifies that the repository must be given as owner/name, as GitHub's full_name is.
        assertThatThrownBy(() -> GitHubWebhook.push("app")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner/name");
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
