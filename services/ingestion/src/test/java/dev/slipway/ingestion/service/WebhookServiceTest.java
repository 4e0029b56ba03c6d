package dev.slipway.ingestion.service;

import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.CLONE_URL;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITEA_CLONE_URL;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITEA_REPOSITORY_ID;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITEA_SECRET;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITLAB_CLONE_URL;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITLAB_REPOSITORY_ID;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.GITLAB_TOKEN;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.REPOSITORY;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.REPOSITORY_ID;
import static dev.slipway.ingestion.service.DeclaredRepositoriesFile.SECRET;
import static dev.slipway.testkit.kafka.EventProbe.correlatedTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ingestion.IngestionApplication;
import dev.slipway.ingestion.domain.HandWrittenWebhooks;
import dev.slipway.ingestion.domain.HmacSha256;
import dev.slipway.ingestion.domain.WebhookSecret;
import dev.slipway.model.Topics;
import dev.slipway.model.scm.PingReceived;
import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.model.scm.PushReceived;
import dev.slipway.model.scm.ReleasePublished;
import dev.slipway.model.scm.TagCreated;
import dev.slipway.model.scm.TagDeleted;
import dev.slipway.testkit.infra.TestInfrastructure;
import dev.slipway.testkit.kafka.EventProbe;
import dev.slipway.testkit.kafka.ReceivedEvent;
import dev.slipway.testkit.webhook.GitHubWebhook;
import dev.slipway.testkit.webhook.WebhookDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingestion service, whole, on a random port, against the shared real PostgreSQL (schema
 * {@code ingestion}) and Kafka broker, with one repository declared in a YAML file on each of
 * GitHub, Gitea and GitLab. Every test
 * uses delivery ids of its own, since the database and broker are shared.
 */
@SpringBootTest(classes = IngestionApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + IngestionApplication.NAME)
class WebhookServiceTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEMS = "https://slipway.dev/problems/";
    private static final int OVER_THE_LIMIT = 26 * 1024 * 1024;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerService(registry, IngestionApplication.NAME);
        registry.add("slipway.repositories.file", () -> DeclaredRepositoriesFile.write().toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private WebhookClient client;
    private EventProbe scmEvents;

    @BeforeEach
    void connect() {
        client = new WebhookClient(port);
        scmEvents = EventProbe.open(TestInfrastructure.kafka().bootstrapServers(), Topics.SCM_EVENTS);
    }

    @AfterEach
    void disconnect() {
        scmEvents.close();
    }

    @Test
    void acceptsASignedPushStoresItAndPublishesPushReceivedWithTheDeclaredCloneUrl() {
        // Verifies the whole way in: 202 after commit, one accepted row with the raw body, and the event on Kafka.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).branch("main").commit(sha('a'), "Add a feature")
                .deliver(SECRET);

        WebhookClient.Answer answer = client.post(push);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("verdict").asString()).isEqualTo("accepted");
        assertThat(answer.json().path("deliveryId").asString()).isEqualTo(push.deliveryId());
        assertThat(answer.json().path("repositoryId").asString()).isEqualTo(REPOSITORY_ID);
        String eventId = answer.json().path("eventId").asString();

        Map<String, Object> row = jdbc.sql("""
                        select verdict, repository_id, event_name, cast(event_id as text) as event_id, body,
                               body_compression, body_length,
                               headers ->> 'x-hub-signature-256' as signature, headers ->> 'x-github-event' as event
                        from deliveries where delivery_id = :id""")
                .param("id", push.deliveryId()).query().singleRow();
        assertThat(row).containsEntry("verdict", "accepted").containsEntry("repository_id", REPOSITORY_ID)
                .containsEntry("event_name", "push").containsEntry("event_id", eventId)
                .containsEntry("signature", "[redacted]").containsEntry("event", "push");
        // Stored as one standard LZ4 block, which any LZ4 library restores.
        assertThat(row).containsEntry("body_compression", "lz4").containsEntry("body_length", push.body().length);
        assertThat(net.jpountz.lz4.LZ4Factory.safeInstance().safeDecompressor()
                .decompress((byte[]) row.get("body"), push.body().length)).isEqualTo(push.body());

        scmEvents.awaitOne(correlatedTo(push.deliveryId()), Duration.ofSeconds(20));
        List<ReceivedEvent> records = scmEvents.collectFor(Duration.ZERO, correlatedTo(push.deliveryId()));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(REPOSITORY_ID);
            assertThat(record.envelope().eventType()).isEqualTo("push.received");
            assertThat(record.envelope().eventId()).hasToString(eventId);
            PushReceived event = record.as(PushReceived.class);
            assertThat(event.deliveryId()).isEqualTo(push.deliveryId());
            assertThat(event.repositoryId()).isEqualTo(REPOSITORY_ID);
            assertThat(event.cloneUrl()).isEqualTo(CLONE_URL);
            assertThat(event.branch()).isEqualTo("main");
            assertThat(event.after()).isEqualTo(sha('a'));
            assertThat(event.headCommit().message()).isEqualTo("Add a feature");
        });
    }

    @Test
    void answersTheSameDeliveryAgainWith200AndTheOriginalAndPublishesNothingMore() {
        // Verifies that a redelivery is answered 200 with the first delivery's verdict and event, and adds no row or event.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(SECRET);
        WebhookClient.Answer first = client.post(push);

        WebhookClient.Answer again = client.post(push);

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("verdict").asString()).isEqualTo("duplicate");
        assertThat(again.json().path("originalVerdict").asString()).isEqualTo("accepted");
        assertThat(again.json().path("deliveryId").asString()).isEqualTo(push.deliveryId());
        assertThat(again.json().path("eventId").asString()).isEqualTo(first.json().path("eventId").asString());
        assertThat(count("select count(*) from deliveries where delivery_id = :id", push.deliveryId())).isEqualTo(1);
        assertThat(eventsPublishedFor(push.deliveryId())).hasSize(1);
    }

    @Test
    void answers401ToABadSignatureStoresTheDeliveryAsRejectedAndCountsIt() {
        // Verifies that a delivery signed with another secret is refused, kept for audit, counted, and publishes nothing.
        double before = counter("rejected", "bad-signature");
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver("not the declared secret");

        WebhookClient.Answer answer = client.post(push);

        assertProblem(answer, 401, "bad-signature");
        assertThat(answer.json().path("deliveryId").asString()).isEqualTo(push.deliveryId());
        assertThat(verdictAndRejection(push.deliveryId())).isEqualTo(List.of("rejected", "bad-signature"));
        assertThat(eventsPublishedFor(push.deliveryId())).isEmpty();
        assertThat(counter("rejected", "bad-signature")).isEqualTo(before + 1);
        assertThat(client.get("/actuator/prometheus"))
                .contains("slipway_ingestion_deliveries_total{outcome=\"rejected\",provider=\"github\",reason=\"bad-signature\"}");
    }

    @Test
    void answers401ToAnUnsignedDelivery() {
        // Verifies that a delivery without X-Hub-Signature-256 (a webhook set up without a secret) is refused.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(null);

        assertProblem(client.post(push), 401, "bad-signature");
    }

    @Test
    void answers400ToMalformedJson() {
        // Verifies that a signed body which is not JSON gets a malformed-json problem and is stored as rejected.
        byte[] broken = "{\"ref\": \"refs/heads/main\", ".getBytes(StandardCharsets.UTF_8);
        WebhookDelivery delivery = GitHubWebhook.delivery("push", broken, SECRET);

        assertProblem(client.post(delivery), 400, "malformed-json");
        assertThat(verdictAndRejection(delivery.deliveryId())).isEqualTo(List.of("rejected", "malformed-json"));
    }

    @Test
    void acceptsAnUnhandledEventWith202AndRecordsItAsIgnored() {
        // Verifies that a signed event Slipway does not handle is answered 202, stored as ignored with why, and not published.
        byte[] body = ("{\"action\": \"opened\", \"repository\": {\"full_name\": \"" + REPOSITORY + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        WebhookDelivery delivery = GitHubWebhook.delivery("issues", body, SECRET);

        WebhookClient.Answer answer = client.post(delivery);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("verdict").asString()).isEqualTo("ignored");
        assertThat(answer.json().path("reason").asString()).isEqualTo("event issues is not handled");
        Map<String, Object> row = jdbc.sql("select verdict, reason, event_id from deliveries where delivery_id = :id")
                .param("id", delivery.deliveryId()).query().singleRow();
        assertThat(row).containsEntry("verdict", "ignored").containsEntry("reason", "event issues is not handled");
        assertThat(row.get("event_id")).isNull();
        assertThat(eventsPublishedFor(delivery.deliveryId())).isEmpty();
    }

    @Test
    void answers413ToABodyOver25MegabytesWhateverItsFraming() {
        // Verifies that a 26 MB body is answered 413 with a problem detail, not a reset or a 500, with and without Content-Length.
        byte[] huge = new byte[OVER_THE_LIMIT];
        Arrays.fill(huge, (byte) ' ');
        WebhookDelivery delivery = GitHubWebhook.delivery("push", huge, SECRET);

        assertProblem(client.post(delivery), 413, "payload-too-large");
        assertProblem(client.postChunked(delivery), 413, "payload-too-large");
        assertThat(count("select count(*) from deliveries where delivery_id = :id", delivery.deliveryId())).isZero();
    }

    @Test
    void answers415ToAContentTypeThatIsNeitherJsonNorAForm() {
        // Verifies that a body sent as text/plain is refused with an unsupported-media-type problem.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(SECRET).withHeader("Content-Type", "text/plain");

        assertProblem(client.post(push), 415, "unsupported-media-type");
    }

    @Test
    void answers400WhenTheEventOrDeliveryHeaderIsMissing() {
        // Verifies that a request lacking X-GitHub-Event or X-GitHub-Delivery is refused and names the header.
        WebhookDelivery push = GitHubWebhook.push(REPOSITORY).deliver(SECRET);

        WebhookClient.Answer noEvent = client.post(push.withoutHeader("X-GitHub-Event"));
        WebhookClient.Answer noDelivery = client.post(push.withoutHeader("X-GitHub-Delivery"));

        assertProblem(noEvent, 400, "missing-header");
        assertThat(noEvent.json().path("detail").asString()).contains("X-GitHub-Event");
        assertProblem(noDelivery, 400, "missing-header");
        assertThat(noDelivery.json().path("detail").asString()).contains("X-GitHub-Delivery");
    }

    @Test
    void answers404ToAnUndeclaredRepositoryAndKeepsTheDelivery() {
        // Verifies that a push for a repository nobody declared is refused with 404 and stored as rejected, for audit.
        WebhookDelivery push = GitHubWebhook.push("someone/else").deliver(SECRET);

        WebhookClient.Answer answer = client.post(push);

        assertProblem(answer, 404, "unknown-repository");
        assertThat(answer.json().path("detail").asString()).contains("someone/else");
        Map<String, Object> row = jdbc.sql(
                        "select verdict, rejection, repository_name, repository_id from deliveries where delivery_id = :id")
                .param("id", push.deliveryId()).query().singleRow();
        assertThat(row).containsEntry("verdict", "rejected").containsEntry("rejection", "unknown-repository")
                .containsEntry("repository_name", "someone/else");
        assertThat(row.get("repository_id")).isNull();
    }

    @Test
    void acceptsAFormEncodedPushSignedOverItsFormBody() {
        // Verifies GitHub's form content type: payload=<url-encoded JSON>, with the signature over the form bytes.
        WebhookDelivery json = GitHubWebhook.push(REPOSITORY).deliver(SECRET);
        byte[] form = ("payload=" + URLEncoder.encode(json.bodyAsString(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.US_ASCII);
        WebhookDelivery delivery = json.withBody(form)
                .withHeader("Content-Type", "application/x-www-form-urlencoded")
                .withHeader("X-Hub-Signature-256", GitHubWebhook.signature(SECRET, form));

        WebhookClient.Answer answer = client.post(delivery);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("verdict").asString()).isEqualTo("accepted");
        assertThat(eventsPublishedFor(delivery.deliveryId())).hasSize(1);
    }

    @Test
    void answersAGetOnTheWebhookPathWithAProblemDetailToo() {
        // Verifies that Spring MVC's own refusals (here 405 for GET) are RFC 9457 problem details like ingestion's.
        WebhookClient.Answer answer = client.getAnswer("/hooks/github");

        assertThat(answer.status()).as(answer.toString()).isEqualTo(405);
        assertThat(answer.contentType()).startsWith(PROBLEM_JSON);
    }

    @Test
    void acceptsASignedGiteaPushAndPublishesPushReceivedForTheGiteaRepository() {
        // Verifies POST /hooks/gitea end to end: a push signed with the Gitea repository's secret gets 202 and a
        // PushReceived from provider gitea, keyed by the Gitea repository and carrying its declared clone URL.
        String deliveryId = UUID.randomUUID().toString();
        byte[] body = giteaPush(sha('d'), "Fix the Gitea build");
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Gitea-Event", "push",
                "X-Gitea-Delivery", deliveryId,
                "X-Gitea-Signature", HmacSha256.sign(WebhookSecret.of(GITEA_SECRET), body));

        WebhookClient.Answer answer = client.post("/hooks/gitea", headers, body);

        assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
        assertThat(answer.json().path("verdict").asString()).isEqualTo("accepted");
        assertThat(answer.json().path("repositoryId").asString()).isEqualTo(GITEA_REPOSITORY_ID);
        ReceivedEvent record = scmEvents.awaitOne(correlatedTo(deliveryId), Duration.ofSeconds(20));
        assertThat(record.key()).isEqualTo(GITEA_REPOSITORY_ID);
        assertThat(record.envelope().eventId()).hasToString(answer.json().path("eventId").asString());
        PushReceived event = record.as(PushReceived.class);
        assertThat(event.provider()).isEqualTo("gitea");
        assertThat(event.deliveryId()).isEqualTo(deliveryId);
        assertThat(event.cloneUrl()).isEqualTo(GITEA_CLONE_URL);
        assertThat(event.branch()).isEqualTo("main");
        assertThat(event.after()).isEqualTo(sha('d'));
        assertThat(event.headCommit().message()).isEqualTo("Fix the Gitea build");
    }

    @Test
    void answers401ToAGiteaPushSignedWithTheGitHubRepositorysSecret() {
        // Verifies that each provider's repository is checked against its own secret: GitHub's does not sign for Gitea.
        String deliveryId = UUID.randomUUID().toString();
        byte[] body = giteaPush(sha('e'), "Wrong secret");
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Forgejo-Event", "push",
                "X-Forgejo-Delivery", deliveryId,
                "X-Forgejo-Signature", HmacSha256.sign(WebhookSecret.of(SECRET), body));

        WebhookClient.Answer answer = client.post("/hooks/gitea", headers, body);

        assertProblem(answer, 401, "bad-signature");
        assertThat(verdictAndRejection(deliveryId)).isEqualTo(List.of("rejected", "bad-signature"));
    }

    @Test
    void acceptsAGitLabPushWithTheRightTokenAndAnswers401ToAWrongOne() {
        // Verifies POST /hooks/gitlab: the declared token gets 202 and an outbox row, another token 401 and none.
        String accepted = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        byte[] body = gitlabPush(sha('f'));

        WebhookClient.Answer right = client.post("/hooks/gitlab", gitlabHeaders(accepted, GITLAB_TOKEN), body);
        WebhookClient.Answer wrong = client.post("/hooks/gitlab", gitlabHeaders(refused, GITLAB_TOKEN + "!"), body);

        assertThat(right.status()).as(right.toString()).isEqualTo(202);
        assertThat(right.json().path("verdict").asString()).isEqualTo("accepted");
        assertThat(right.json().path("repositoryId").asString()).isEqualTo(GITLAB_REPOSITORY_ID);
        assertThat(eventsPublishedFor(accepted)).hasSize(1);
        assertProblem(wrong, 401, "bad-signature");
        assertThat(wrong.json().path("detail").asString()).contains("X-Gitlab-Token");
        assertThat(eventsPublishedFor(refused)).isEmpty();
        assertThat(jdbc.sql("select headers ->> 'x-gitlab-token' from deliveries where delivery_id = :id")
                .param("id", refused).query(String.class).single()).isEqualTo("[redacted]");
    }

    @Test
    void answers400ToAGitLabDeliveryWithoutAnEventUuid() {
        // Verifies that a GitLab request with neither X-Gitlab-Event-UUID nor X-Gitlab-Webhook-UUID names both headers.
        Map<String, String> headers = Map.of("Content-Type", "application/json", "X-Gitlab-Event", "Push Hook",
                "X-Gitlab-Token", GITLAB_TOKEN);

        WebhookClient.Answer answer = client.post("/hooks/gitlab", headers, gitlabPush(sha('f')));

        assertProblem(answer, 400, "missing-header");
        assertThat(answer.json().path("detail").asString()).contains("X-Gitlab-Event-UUID", "X-Gitlab-Webhook-UUID");
    }

    @Test
    void publishesEachKindOfScmEventUnderItsLogicalNameFromEveryProvider() {
        // Verifies the way in for the events beyond a plain push: a tag deletion pushed, a tag created and deleted, a
        // pull request from a fork, a ping, Gitea's and GitLab's published releases and a GitLab merge request are each
        // accepted with 202 and published once, under their event-type, keyed by their repository and carrying its
        // declared clone URL.
        String tagDeleted = UUID.randomUUID().toString();
        String created = UUID.randomUUID().toString();
        String deleted = UUID.randomUUID().toString();
        String pullRequest = UUID.randomUUID().toString();
        String ping = UUID.randomUUID().toString();
        String giteaRelease = UUID.randomUUID().toString();
        String gitlabRelease = UUID.randomUUID().toString();
        String mergeRequest = UUID.randomUUID().toString();

        List<WebhookClient.Answer> answers = List.of(
                postToGitHub("push", tagDeleted, HandWrittenWebhooks.bytes("github/push-tag-deleted.json")),
                postToGitHub("create", created, refBody("v1.2.0", "tag")),
                postToGitHub("delete", deleted, refBody("v1.1.0", "tag")),
                postToGitHub("pull_request", pullRequest, HandWrittenWebhooks.bytes("github/pull-request-from-fork.json")),
                postToGitHub("ping", ping, HandWrittenWebhooks.bytes("github/ping.json")),
                postToGitea("release", giteaRelease, HandWrittenWebhooks.bytes("gitea/release-published.json")),
                client.post("/hooks/gitlab", gitlabHeaders("Release Hook", gitlabRelease, GITLAB_TOKEN),
                        HandWrittenWebhooks.bytes("gitlab/release-create.json")),
                client.post("/hooks/gitlab", gitlabHeaders("Merge Request Hook", mergeRequest, GITLAB_TOKEN),
                        HandWrittenWebhooks.bytes("gitlab/merge-request-from-fork.json")));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            assertThat(answer.json().path("verdict").asString()).isEqualTo("accepted");
        });
        PushReceived deletion = published(tagDeleted, "push.received", REPOSITORY_ID).as(PushReceived.class);
        assertThat(deletion.tag()).isEqualTo("v1.2.0");
        assertThat(deletion.deleted()).isTrue();
        assertThat(deletion.headCommit()).isNull();
        TagCreated tag = published(created, "tag.created", REPOSITORY_ID).as(TagCreated.class);
        assertThat(tag.tag()).isEqualTo("v1.2.0");
        assertThat(tag.ref()).isEqualTo("refs/tags/v1.2.0");
        assertThat(tag.sender()).isEqualTo("slipway-bot");
        assertThat(tag.cloneUrl()).isEqualTo(CLONE_URL);
        TagDeleted gone = published(deleted, "tag.deleted", REPOSITORY_ID).as(TagDeleted.class);
        assertThat(gone.ref()).isEqualTo("refs/tags/v1.1.0");
        PullRequestChanged fromFork = published(pullRequest, "pull_request.changed", REPOSITORY_ID)
                .as(PullRequestChanged.class);
        assertThat(fromFork.sourceCloneUrl()).isEqualTo("https://github.com/octo/app.git");
        assertThat(fromFork.cloneUrl()).isEqualTo(CLONE_URL);
        PingReceived pinged = published(ping, "ping.received", REPOSITORY_ID).as(PingReceived.class);
        assertThat(pinged.hookId()).isEqualTo(481516);
        assertThat(pinged.events()).contains("push", "release");
        ReleasePublished gitea = published(giteaRelease, "scm.release.published", GITEA_REPOSITORY_ID)
                .as(ReleasePublished.class);
        assertThat(gitea.body()).contains("<!-- slipway:release build=41 -->");
        assertThat(gitea.cloneUrl()).isEqualTo(GITEA_CLONE_URL);
        ReleasePublished gitlab = published(gitlabRelease, "scm.release.published", GITLAB_REPOSITORY_ID)
                .as(ReleasePublished.class);
        assertThat(gitlab.tag()).isEqualTo("v1.4.0");
        assertThat(gitlab.cloneUrl()).isEqualTo(GITLAB_CLONE_URL);
        PullRequestChanged merge = published(mergeRequest, "pull_request.changed", GITLAB_REPOSITORY_ID)
                .as(PullRequestChanged.class);
        assertThat(merge.number()).isEqualTo(8);
        assertThat(merge.provider()).isEqualTo("gitlab");
    }

    @Test
    void recordsABranchsCreateADraftReleaseAndAReleaseUpdateAsIgnoredWithTheirReasons() {
        // Verifies that the deliveries which become no event (a branch's create, whose push says the same; a draft
        // release; a release's update) are answered 202 ignored, stored with the reason, and publish nothing.
        String branch = UUID.randomUUID().toString();
        String draft = UUID.randomUUID().toString();
        String update = UUID.randomUUID().toString();

        Map<String, WebhookClient.Answer> answers = Map.of(
                branch, postToGitHub("create", branch, refBody("feature", "branch")),
                draft, postToGitHub("release", draft, HandWrittenWebhooks.bytes("github/release-draft-created.json")),
                update, client.post("/hooks/gitlab", gitlabHeaders("Release Hook", update, GITLAB_TOKEN),
                        HandWrittenWebhooks.bytes("gitlab/release-update.json")));

        assertThat(answers.get(branch).json().path("reason").asString()).startsWith("create of branch feature: ");
        assertThat(answers.get(draft).json().path("reason").asString()).startsWith("release created of draft v1.5.0: ");
        assertThat(answers.get(update).json().path("reason").asString()).startsWith("release update: ");
        answers.forEach((deliveryId, answer) -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
            assertThat(answer.json().path("verdict").asString()).isEqualTo("ignored");
            assertThat(jdbc.sql("select reason from deliveries where delivery_id = :id").param("id", deliveryId)
                    .query(String.class).single()).isEqualTo(answer.json().path("reason").asString());
            assertThat(eventsPublishedFor(deliveryId)).isEmpty();
        });
    }

    private static byte[] refBody(String name, String refType) {
        return ("{\"ref\": \"" + name + "\", \"ref_type\": \"" + refType + "\", \"repository\": {\"full_name\": \""
                + REPOSITORY + "\"}, \"sender\": {\"login\": \"slipway-bot\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private WebhookClient.Answer postToGitHub(String event, String deliveryId, byte[] body) {
        return client.post("/hooks/github", Map.of("Content-Type", "application/json", "X-GitHub-Event", event,
                "X-GitHub-Delivery", deliveryId,
                "X-Hub-Signature-256", "sha256=" + HmacSha256.sign(WebhookSecret.of(SECRET), body)), body);
    }

    private WebhookClient.Answer postToGitea(String event, String deliveryId, byte[] body) {
        return client.post("/hooks/gitea", Map.of("Content-Type", "application/json", "X-Gitea-Event", event,
                "X-Gitea-Delivery", deliveryId,
                "X-Gitea-Signature", HmacSha256.sign(WebhookSecret.of(GITEA_SECRET), body)), body);
    }

    /** The one event published for {@code deliveryId}, which must be of {@code eventType} and keyed by {@code key}. */
    private ReceivedEvent published(String deliveryId, String eventType, String key) {
        scmEvents.awaitOne(correlatedTo(deliveryId), Duration.ofSeconds(20));
        List<ReceivedEvent> records = scmEvents.collectFor(Duration.ZERO, correlatedTo(deliveryId));
        assertThat(records).hasSize(1);
        ReceivedEvent record = records.getFirst();
        assertThat(record.envelope().eventType()).isEqualTo(eventType);
        assertThat(record.key()).isEqualTo(key);
        return record;
    }

    private static byte[] giteaPush(String after, String message) {
        return ("""
                {"ref": "refs/heads/main", "before": "%s", "after": "%s",
                 "commits": [{"id": "%s", "message": "%s", "author": {"name": "Ada"}}],
                 "repository": {"full_name": "%s", "clone_url": "https://gitea.example/acme/app.git"},
                 "pusher": {"login": "ada"}, "sender": {"login": "ada"}}"""
                .formatted(sha('0'), after, after, message, REPOSITORY)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gitlabPush(String after) {
        return ("""
                {"object_kind": "push", "ref": "refs/heads/main", "before": "%s", "after": "%s", "checkout_sha": "%s",
                 "user_username": "ada", "project": {"path_with_namespace": "%s"},
                 "commits": [{"id": "%s", "message": "Add a GitLab feature", "author": {"name": "Ada"}}]}"""
                .formatted(sha('1'), after, after, REPOSITORY, after)).getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> gitlabHeaders(String deliveryId, String token) {
        return gitlabHeaders("Push Hook", deliveryId, token);
    }

    private static Map<String, String> gitlabHeaders(String event, String deliveryId, String token) {
        return Map.of("Content-Type", "application/json", "X-Gitlab-Event", event,
                "X-Gitlab-Event-UUID", deliveryId, "X-Gitlab-Token", token);
    }

    private static void assertProblem(WebhookClient.Answer answer, int status, String slug) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).as(answer.toString()).startsWith(PROBLEM_JSON);
        assertThat(answer.problemType()).isEqualTo(PROBLEMS + slug);
        assertThat(answer.json().path("status").asInt()).isEqualTo(status);
        assertThat(answer.json().path("detail").asString()).isNotBlank();
    }

    private List<String> verdictAndRejection(String deliveryId) {
        return jdbc.sql("select verdict, rejection from deliveries where delivery_id = :id")
                .param("id", deliveryId)
                .query((rs, n) -> List.of(rs.getString("verdict"), rs.getString("rejection")))
                .single();
    }

    /** Waits until the relay has published every outbox row of {@code deliveryId}. */
    /**
     * The events published to {@code slipway.scm.events} for this delivery: once the outbox holds
     * none of its rows (the relay deletes a row when Kafka has acknowledged it), whatever reaches
     * the topic within a second.
     */
    private List<ReceivedEvent> eventsPublishedFor(String deliveryId) {
        awaitPublished(deliveryId);
        return scmEvents.collectFor(Duration.ofSeconds(1), correlatedTo(deliveryId));
    }

    private void awaitPublished(String deliveryId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (count("select count(*) from outbox where correlation_id = :id", deliveryId) > 0) {
            assertThat(System.nanoTime()).as("the outbox relay publishes within 20 s").isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private long count(String sql, String deliveryId) {
        return jdbc.sql(sql).param("id", deliveryId).query(Long.class).single();
    }

    private double counter(String outcome, String reason) {
        Counter counter = meters.find("slipway.ingestion.deliveries")
                .tags("provider", "github", "outcome", outcome, "reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String sha(char digit) {
        return String.valueOf(digit).repeat(40);
    }
}
