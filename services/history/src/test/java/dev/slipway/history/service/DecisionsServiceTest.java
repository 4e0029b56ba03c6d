package dev.slipway.history.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.history.domain.Decision;
import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.DecisionRecord.StepDecision;
import dev.slipway.model.build.DecisionRecord.Verdict;
import dev.slipway.model.build.LintProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DecisionsServiceTest extends HistoryServiceTest {

    private static final Instant NOON = Instant.parse("2026-04-01T12:00:00Z");
    private static final String COMMIT = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    /** A repository of the test's own, so that tests sharing the database do not see each other's decisions. */
    private record Repository(String name) {

        static Repository fresh() {
            return new Repository("acme/decide-" + UUID.randomUUID().toString().substring(0, 8));
        }

        String id() {
            return "github:" + name;
        }

        String decisionId(String delivery) {
            return Decision.idOf(id(), delivery).toString();
        }
    }

    private static DecisionRecord skip(String rule, String reason, StepDecision... steps) {
        return new DecisionRecord(Verdict.SKIP, rule, reason, List.of(steps));
    }

    private static DecisionRecord run(String reason) {
        return new DecisionRecord(Verdict.RUN, "on.push.branches", reason, List.of(new StepDecision("test", true, "")));
    }

    private BuildSkipped skipped(Repository repository, String delivery, String reason) {
        return new BuildSkipped(repository.id(), repository.name(), delivery, "push", "refs/heads/main", COMMIT,
                skip("skip.messages", reason));
    }

    private BuildRequested requested(Repository repository, UUID buildId, long number, String delivery) {
        return new BuildRequested(buildId, repository.id(), repository.name(), number, "file:///srv/git/app.git", COMMIT,
                "refs/heads/main", "push", delivery, run("runs: push to main matches on.push.branches"), null);
    }

    private static List<String> reasons(JsonNode list) {
        return list.path("decisions").valueStream().map(d -> d.path("reason").asString()).toList();
    }

    @Test
    void showsEachKindOfDecisionWithItsReasons() {
        // A skip, an error with its lint problems and a run each appear, newest first, with every reason they carry.
        Repository repository = Repository.fresh();
        UUID buildId = UUID.randomUUID();
        publishAt(events, new BuildSkipped(repository.id(), repository.name(), "d-skip", "tag", "refs/tags/v1.0", COMMIT,
                skip("steps", "skipped: no step matches tag v1.0",
                        new StepDecision("deploy", false, "requires branch `main`"))), NOON);
        publishAt(events, new BuildErrored(repository.id(), repository.name(), "d-error", "push", "refs/heads/main",
                COMMIT, new DecisionRecord(Verdict.ERROR, "lint", "errored: .slipway.yml:3:5: unknown key `stpes`",
                        List.of()),
                List.of(new LintProblem(LintProblem.Severity.ERROR, "schema.unknown-key", "unknown key `stpes`",
                                ".slipway.yml", 3, 5, "did you mean `steps`?"),
                        new LintProblem(LintProblem.Severity.WARNING, "image.latest", "image tag `latest` is mutable",
                                ".slipway.yml", 7, 12, ""))), NOON.plusSeconds(1));
        publishAt(events, requested(repository, buildId, 1, "d-run"), NOON.plusSeconds(2));

        JsonNode list = api.awaitJson("/api/decisions?repo=" + repository.name(), l -> l.path("decisions").size() == 3);

        assertThat(list.path("nextCursor").isNull()).isTrue();
        assertThat(list.path("decisions").get(0)).isEqualTo(api.parse("""
                {
                  "id": "%1$s", "verdict": "run", "rule": "on.push.branches",
                  "reason": "runs: push to main matches on.push.branches",
                  "repository": { "id": "%2$s", "name": "%3$s" },
                  "deliveryId": "d-run", "event": "push", "ref": "refs/heads/main", "branch": "main", "tag": null,
                  "commit": "%4$s", "build": { "id": "%5$s", "number": 1 }, "decidedAt": "2026-04-01T12:00:02Z",
                  "steps": [ { "name": "test", "matched": true, "reason": "" } ],
                  "problems": []
                }""".formatted(repository.decisionId("d-run"), repository.id(), repository.name(), COMMIT, buildId)));
        assertThat(list.path("decisions").get(1)).isEqualTo(api.parse("""
                {
                  "id": "%1$s", "verdict": "error", "rule": "lint",
                  "reason": "errored: .slipway.yml:3:5: unknown key `stpes`",
                  "repository": { "id": "%2$s", "name": "%3$s" },
                  "deliveryId": "d-error", "event": "push", "ref": "refs/heads/main", "branch": "main", "tag": null,
                  "commit": "%4$s", "build": null, "decidedAt": "2026-04-01T12:00:01Z",
                  "steps": [],
                  "problems": [
                    { "severity": "error", "code": "schema.unknown-key", "message": "unknown key `stpes`",
                      "file": ".slipway.yml", "line": 3, "column": 5, "hint": "did you mean `steps`?" },
                    { "severity": "warning", "code": "image.latest", "message": "image tag `latest` is mutable",
                      "file": ".slipway.yml", "line": 7, "column": 12, "hint": "" }
                  ]
                }""".formatted(repository.decisionId("d-error"), repository.id(), repository.name(), COMMIT)));
        assertThat(list.path("decisions").get(2)).isEqualTo(api.parse("""
                {
                  "id": "%1$s", "verdict": "skip", "rule": "steps", "reason": "skipped: no step matches tag v1.0",
                  "repository": { "id": "%2$s", "name": "%3$s" },
                  "deliveryId": "d-skip", "event": "tag", "ref": "refs/tags/v1.0", "branch": null, "tag": "v1.0",
                  "commit": "%4$s", "build": null, "decidedAt": "2026-04-01T12:00:00Z",
                  "steps": [ { "name": "deploy", "matched": false, "reason": "requires branch `main`" } ],
                  "problems": []
                }""".formatted(repository.decisionId("d-skip"), repository.id(), repository.name(), COMMIT)));
        for (JsonNode decision : list.path("decisions")) {
            assertThat(api.json("/api/decisions/" + decision.path("id").asString())).isEqualTo(decision);
        }
    }

    @Test
    void aBuildShowsItsDecisionWhicheverOfRequestAndStartArrivesFirst() {
        // One build is started before it is requested, the other after; both end up showing the decision that ran them.
        Repository repository = Repository.fresh();
        UUID startedFirst = UUID.randomUUID();
        UUID requestedFirst = UUID.randomUUID();

        publishAt(events, new BuildStarted(startedFirst, repository.id(), 1, "executor-1", NOON.plusSeconds(5)),
                NOON.plusSeconds(5));
        api.awaitBuild(startedFirst, b -> b.path("status").asString().equals("running"));
        publishAt(events, requested(repository, startedFirst, 1, "d-1"), NOON);
        publishAt(events, requested(repository, requestedFirst, 2, "d-2"), NOON.plusSeconds(10));
        api.awaitBuild(requestedFirst, b -> b.path("status").asString().equals("queued"));
        publishAt(events, new BuildStarted(requestedFirst, repository.id(), 2, "executor-1", NOON.plusSeconds(15)),
                NOON.plusSeconds(15));

        for (UUID id : List.of(startedFirst, requestedFirst)) {
            JsonNode build = api.awaitBuild(id, b -> b.path("status").asString().equals("running")
                    && !b.path("decision").isNull());
            JsonNode decision = build.path("decision");
            assertThat(decision.path("verdict").asString()).isEqualTo("run");
            assertThat(decision.path("reason").asString()).isEqualTo("runs: push to main matches on.push.branches");
            assertThat(decision.path("build").path("id").asString()).isEqualTo(id.toString());
            assertThat(decision).isEqualTo(api.json("/api/decisions/" + decision.path("id").asString()));
        }
    }

    @Test
    void aRedeliveredOrRepeatedTriggerChangesNothing() {
        // The same event again, even with another payload, and a second trigger for the same delivery, leave the first decision.
        Repository repository = Repository.fresh();
        BuildSkipped first = skipped(repository, "d-1", "skipped: the head commit says [skip ci]");
        Envelope envelope = publishAt(events, first, NOON);
        api.awaitJson("/api/decisions?repo=" + repository.name(), l -> l.path("decisions").size() == 1);

        events.publish(skipped(repository, "d-1", "skipped: redelivered with another reason"), envelope);
        publishAt(events, skipped(repository, "d-1", "skipped: decided again under a new event id"),
                NOON.plusSeconds(30));
        publishAt(events, requested(repository, UUID.randomUUID(), 1, "d-1"), NOON.plusSeconds(40));
        // The triggers of one repository share a partition: once the marker shows, those before it were consumed.
        publishAt(events, skipped(repository, "d-marker", "skipped: marker"), NOON.plusSeconds(60));

        JsonNode list = api.awaitJson("/api/decisions?repo=" + repository.name(),
                l -> reasons(l).contains("skipped: marker"));
        assertThat(reasons(list)).containsExactly("skipped: marker", "skipped: the head commit says [skip ci]");
        assertThat(list.path("decisions").get(1).path("decidedAt").asString()).isEqualTo("2026-04-01T12:00:00Z");
    }

    @Test
    void aRequestWithoutADecisionShowsThatItsDecisionWasNotRecorded() {
        // A build.requested written before requests carried decisions still gives its build a decision: run, unrecorded.
        Repository repository = Repository.fresh();
        UUID buildId = UUID.randomUUID();
        publishAt(events, new BuildRequested(buildId, repository.id(), repository.name(), 1, "file:///srv/git/app.git",
                COMMIT, "refs/heads/main", "push", "d-old"), NOON);

        JsonNode decision = api.awaitBuild(buildId, b -> !b.path("decision").isNull()).path("decision");

        assertThat(decision.path("verdict").asString()).isEqualTo("run");
        assertThat(decision.path("rule").asString()).isEqualTo("unrecorded");
        assertThat(decision.path("reason").asString()).startsWith("runs:");
        assertThat(decision.path("build").path("number").asLong()).isEqualTo(1);
    }

    /**
     * Five decisions of {@code acme/<random>}, one minute apart: #1 to #4 on GitHub (#1 oldest), #5 of
     * the same name on Gitea; #2 and #4 ran, #1 and #5 were skipped, #3 errored. Returns the name.
     */
    private Repository fiveDecisions() {
        Repository repository = Repository.fresh();
        String gitea = "gitea:" + repository.name();
        publishAt(events, skipped(repository, "d-1", "skipped: #1"), NOON.plusSeconds(60));
        publishAt(events, new BuildRequested(UUID.randomUUID(), repository.id(), repository.name(), 1,
                "file:///srv/git/app.git", COMMIT, "refs/heads/main", "push", "d-2", run("runs: #2"), null),
                NOON.plusSeconds(120));
        publishAt(events, new BuildErrored(repository.id(), repository.name(), "d-3", "push", "refs/heads/main", COMMIT,
                new DecisionRecord(Verdict.ERROR, "pipeline-file", "errored: #3", List.of()), List.of()),
                NOON.plusSeconds(180));
        publishAt(events, new BuildRequested(UUID.randomUUID(), repository.id(), repository.name(), 2,
                "file:///srv/git/app.git", COMMIT, "refs/heads/main", "push", "d-4", run("runs: #4"), null),
                NOON.plusSeconds(240));
        publishAt(events, new BuildSkipped(gitea, repository.name(), "d-5", "push", "refs/heads/main", COMMIT,
                skip("skip.messages", "skipped: #5")), NOON.plusSeconds(300));
        api.awaitJson("/api/decisions?repo=" + repository.name(), l -> l.path("decisions").size() == 5);
        return repository;
    }

    @Test
    void filtersByRepositoryVerdictAndSince() {
        // A name matches every git host, an id one; verdict and since narrow the list, and they combine.
        Repository repository = fiveDecisions();
        String byName = "/api/decisions?repo=" + repository.name();

        assertThat(reasons(api.json(byName)))
                .containsExactly("skipped: #5", "runs: #4", "errored: #3", "runs: #2", "skipped: #1");
        assertThat(reasons(api.json("/api/decisions?repo=" + repository.id())))
                .containsExactly("runs: #4", "errored: #3", "runs: #2", "skipped: #1");
        assertThat(reasons(api.json(byName + "&verdict=skip"))).containsExactly("skipped: #5", "skipped: #1");
        assertThat(reasons(api.json(byName + "&verdict=RUN"))).containsExactly("runs: #4", "runs: #2");
        assertThat(reasons(api.json(byName + "&verdict=error"))).containsExactly("errored: #3");
        assertThat(reasons(api.json(byName + "&since=2026-04-01T12:03:00Z")))
                .containsExactly("skipped: #5", "runs: #4", "errored: #3");
        assertThat(reasons(api.json("/api/decisions?repo=" + repository.id() + "&verdict=skip&since=2026-04-01")))
                .containsExactly("skipped: #1");
    }

    @Test
    void pagesThroughDecisionsWithAnOpaqueCursor() {
        // limit=2 splits five decisions into three pages that together list each once, in order.
        Repository repository = fiveDecisions();
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.json("/api/decisions?repo=" + repository.name() + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(reasons(page));
            pageSizes.add(page.path("decisions").size());
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(seen).containsExactly("skipped: #5", "runs: #4", "errored: #3", "runs: #2", "skipped: #1");
        assertThat(pageSizes).containsExactly(2, 2, 1);
    }

    @Test
    void anUnknownDecisionIsANotFoundProblem() {
        // A well-formed id that names no recorded decision is a 404 problem detail that says where to look.
        UUID unknown = UUID.randomUUID();

        HistoryApi.Response response = api.get("/api/decisions/" + unknown, "application/json");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = api.parse(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://slipway.dev/problems/decision-not-found");
        assertThat(problem.path("decisionId").asString()).isEqualTo(unknown.toString());
        assertThat(problem.path("detail").asString()).contains(unknown.toString()).contains("GET /api/decisions");
    }

    @Test
    void malformedParametersAreBadRequestProblemsThatSayWhatIsAllowed() {
        // Each bad parameter of the decisions endpoints is named in a 400 problem detail, with what it may be.
        record Case(String path, String type, String parameter, String allowed) {
        }
        String invalidParameter = "https://slipway.dev/problems/invalid-query-parameter";
        List<Case> cases = List.of(
                new Case("/api/decisions/not-a-uuid", "https://slipway.dev/problems/invalid-decision-id", "id", "UUID"),
                new Case("/api/decisions?verdict=skipped", invalidParameter, "verdict", "run, skip, error"),
                new Case("/api/decisions?limit=0", invalidParameter, "limit", "from 1 to 100"),
                new Case("/api/decisions?limit=101", invalidParameter, "limit", "from 1 to 100"),
                new Case("/api/decisions?limit=all", invalidParameter, "limit", "from 1 to 100"),
                new Case("/api/decisions?cursor=bm90LWEtY3Vyc29y", invalidParameter, "cursor", "nextCursor"),
                new Case("/api/decisions?since=last-week", invalidParameter, "since", "ISO-8601"),
                new Case("/api/decisions?repo=acme", invalidParameter, "repo", "acme/app"));

        for (Case c : cases) {
            HistoryApi.Response response = api.get(c.path(), "application/json");

            assertThat(response.status()).as(c.path()).isEqualTo(400);
            assertThat(response.contentType()).as(c.path()).startsWith("application/problem+json");
            JsonNode problem = api.parse(response.body());
            assertThat(problem.path("type").asString()).as(c.path()).isEqualTo(c.type());
            assertThat(problem.path("parameter").asString()).as(c.path()).isEqualTo(c.parameter());
            assertThat(problem.path("allowed").asString()).as(c.path()).contains(c.allowed());
            assertThat(problem.path("detail").asString()).as(c.path()).contains(c.parameter()).contains("Allowed:");
        }
    }

    @Test
    void describesTheDecisionEndpointsInOpenApi() {
        // /v3/api-docs documents the decisions list with its parameters, and one decision.
        JsonNode openApi = api.json("/v3/api-docs");

        assertThat(openApi.path("paths").propertyNames()).contains("/api/decisions", "/api/decisions/{id}");
        assertThat(openApi.path("paths").path("/api/decisions").path("get").path("parameters").valueStream()
                .map(p -> p.path("name").asString()))
                .containsExactly("repo", "verdict", "since", "limit", "cursor");
    }
}
