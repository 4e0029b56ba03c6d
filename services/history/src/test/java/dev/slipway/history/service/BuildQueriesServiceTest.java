package dev.slipway.history.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BuildQueriesServiceTest extends HistoryServiceTest {

    /**
     * Six builds of {@code acme/<random>}: five on GitHub, one minute apart (#1 oldest), and #6 of the
     * same name on Gitea, newest of all. #1 and #3 succeeded, #2 failed, #4 runs, #5 and #6 are queued;
     * #2 ran for branch feature/x, #3 for tag v1.0, the rest for main.
     */
    private record Repository(String name, List<UUID> builds) {

        String githubId() {
            return "github:" + name;
        }

        UUID build(int number) {
            return builds.get(number - 1);
        }
    }

    private Repository sixBuilds() {
        String name = "acme/list-" + UUID.randomUUID().toString().substring(0, 8);
        Instant first = Instant.parse("2026-02-01T08:00:00Z");
        List<UUID> ids = new ArrayList<>();
        for (int number = 1; number <= 6; number++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            String provider = number == 6 ? "gitea:" : "github:";
            String ref = switch (number) {
                case 2 -> "refs/heads/feature/x";
                case 3 -> "refs/tags/v1.0";
                default -> "refs/heads/main";
            };
            publishAt(events, new BuildRequested(id, provider + name, name, number, "file:///srv/git/list.git",
                    "c0ffee" + number, ref, number == 3 ? "tag" : "push", "delivery-" + id), first.plusSeconds(60L * number));
        }
        Instant later = first.plusSeconds(3600);
        publishAt(events, new BuildFinished(ids.get(0), BuildStatus.SUCCEEDED, "", later), later);
        publishAt(events, new BuildFinished(ids.get(1), BuildStatus.FAILED, "step test failed", later), later);
        publishAt(events, new BuildFinished(ids.get(2), BuildStatus.SUCCEEDED, "", later), later);
        publishAt(events, new BuildStarted(ids.get(3), "github:" + name, 4, "executor-1", later), later);
        Repository repository = new Repository(name, ids);
        api.awaitJson("/api/builds?repo=" + name + "&limit=100", list -> list.path("builds").size() == 6
                && numbers(list).equals(List.of(6L, 5L, 4L, 3L, 2L, 1L))
                && statuses(list).equals(List.of("queued", "queued", "running", "succeeded", "failed", "succeeded")));
        return repository;
    }

    private static List<Long> numbers(JsonNode list) {
        return list.path("builds").valueStream().map(b -> b.path("number").asLong()).toList();
    }

    private static List<String> statuses(JsonNode list) {
        return list.path("builds").valueStream().map(b -> b.path("status").asString()).toList();
    }

    @Test
    void listsTheBuildsOfARepositoryNewestFirstByNameOrById() {
        // A name matches the repository on every git host; an id only on its own.
        Repository repository = sixBuilds();

        JsonNode byName = api.json("/api/builds?repo=" + repository.name());
        JsonNode byId = api.json("/api/builds?repo=" + repository.githubId());

        assertThat(numbers(byName)).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(numbers(byId)).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(byName.path("nextCursor").isNull()).isTrue();
        JsonNode newestOnGithub = byId.path("builds").get(0);
        assertThat(newestOnGithub.path("id").asString()).isEqualTo(repository.build(5).toString());
        assertThat(newestOnGithub.path("repository").path("id").asString()).isEqualTo(repository.githubId());
        assertThat(newestOnGithub.path("branch").asString()).isEqualTo("main");
        assertThat(newestOnGithub.path("createdAt").asString()).isEqualTo("2026-02-01T08:05:00Z");
    }

    @Test
    void filtersByStatusBranchEventAndSince() {
        // Each criterion narrows the list, and they combine.
        Repository repository = sixBuilds();
        String repo = "/api/builds?repo=" + repository.name();

        assertThat(numbers(api.json(repo + "&status=succeeded"))).containsExactly(3L, 1L);
        assertThat(numbers(api.json(repo + "&status=FAILED"))).containsExactly(2L);
        assertThat(numbers(api.json(repo + "&branch=feature/x"))).containsExactly(2L);
        assertThat(numbers(api.json(repo + "&branch=main&status=queued"))).containsExactly(6L, 5L);
        assertThat(numbers(api.json(repo + "&event=tag"))).containsExactly(3L);
        assertThat(api.json(repo + "&event=tag").path("builds").get(0).path("tag").asString()).isEqualTo("v1.0");
        assertThat(numbers(api.json(repo + "&since=2026-02-01T08:04:00Z"))).containsExactly(6L, 5L, 4L);
        assertThat(numbers(api.json("/api/builds?repo=" + repository.githubId() + "&status=queued"))).containsExactly(5L);
    }

    @Test
    void pagesThroughBuildsWithAnOpaqueCursor() {
        // limit=2 splits six builds into three pages that together list each build once, in order.
        Repository repository = sixBuilds();
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.json("/api/builds?repo=" + repository.name() + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(numbers(page));
            pageSizes.add(page.path("builds").size());
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        } while (cursor != null && pageSizes.size() < 10);

        assertThat(seen).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(pageSizes).containsExactly(2, 2, 2);
    }

    @Test
    void anUnknownBuildIsANotFoundProblem() {
        // A well-formed id that no event has named is a 404 problem detail that says what to do.
        UUID unknown = UUID.randomUUID();

        for (String path : List.of("/api/builds/" + unknown, "/api/builds/" + unknown + "/logs")) {
            HistoryApi.Response response = api.get(path, "application/json");

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.contentType()).as(path).startsWith("application/problem+json");
            JsonNode problem = api.parse(response.body());
            assertThat(problem.path("type").asString()).isEqualTo("https://slipway.dev/problems/build-not-found");
            assertThat(problem.path("status").asInt()).isEqualTo(404);
            assertThat(problem.path("detail").asString()).contains(unknown.toString()).contains("GET /api/builds");
        }
    }

    @Test
    void malformedParametersAreBadRequestProblemsThatSayWhatIsAllowed() {
        // Each bad parameter is named in a 400 problem detail, together with what it may be.
        record Case(String path, String type, String parameter, String allowed) {
        }
        String invalidParameter = "https://slipway.dev/problems/invalid-query-parameter";
        List<Case> cases = List.of(
                new Case("/api/builds/not-a-uuid", "https://slipway.dev/problems/invalid-build-id", "id", "UUID"),
                new Case("/api/builds/not-a-uuid/logs", "https://slipway.dev/problems/invalid-build-id", "id", "UUID"),
                new Case("/api/builds?status=done", invalidParameter, "status", "queued, running, succeeded"),
                new Case("/api/builds?limit=0", invalidParameter, "limit", "from 1 to 100"),
                new Case("/api/builds?limit=101", invalidParameter, "limit", "from 1 to 100"),
                new Case("/api/builds?limit=many", invalidParameter, "limit", "from 1 to 100"),
                new Case("/api/builds?cursor=bm90LWEtY3Vyc29y", invalidParameter, "cursor", "nextCursor"),
                new Case("/api/builds?since=yesterday", invalidParameter, "since", "ISO-8601"),
                new Case("/api/builds?repo=acme", invalidParameter, "repo", "acme/app"),
                new Case("/api/builds/" + UUID.randomUUID() + "/logs?follow=maybe", invalidParameter, "follow", "true"));

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
    void describesItsApiInOpenApi() {
        // /v3/api-docs documents the build endpoints, as DESIGN.md promises.
        JsonNode openApi = api.json("/v3/api-docs");

        assertThat(openApi.path("openapi").asString()).startsWith("3.");
        assertThat(openApi.path("info").path("title").asString()).isEqualTo("Slipway history API");
        assertThat(openApi.path("paths").propertyNames())
                .contains("/api/builds", "/api/builds/{id}", "/api/builds/{id}/logs");
        assertThat(openApi.path("paths").path("/api/builds").path("get").path("parameters").valueStream()
                .map(p -> p.path("name").asString()))
                .containsExactly("repo", "branch", "status", "event", "since", "limit", "cursor");
    }

    @Test
    void servesTheWebUiAtTheRoot() {
        // GET / is a page that lists builds, and the skipped decisions with their reasons, from the API.
        HistoryApi.Response page = api.get("/", "text/html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Slipway builds</title>").contains("/api/builds")
                .contains("/api/decisions").contains("decision.reason");
    }
}
