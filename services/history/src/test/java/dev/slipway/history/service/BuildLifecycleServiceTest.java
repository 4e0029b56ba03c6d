package dev.slipway.history.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.model.Envelope;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepOutcome;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

class BuildLifecycleServiceTest extends HistoryServiceTest {

    @Test
    void showsTheWholeLifeOfABuildFromItsEvents() {
        // Every event of a build, published to Kafka in order, ends as the documented JSON of the build and its log.
        BuildScenario build = new BuildScenario();

        build.publish(events, build.inNaturalOrder());

        JsonNode shown = api.awaitBuild(build.id, b -> b.path("status").asString().equals("failed")
                && !b.path("repository").path("name").isNull());
        assertThat(shown).isEqualTo(api.parse(build.expectedBuildJson()));
        JsonNode log = api.awaitJson("/api/builds/" + build.id + "/logs", l -> l.path("chunks").size() == 2);
        assertThat(log).isEqualTo(api.parse(build.expectedLogJson()));
    }

    @Test
    void reachesTheSameEndStateWhateverTheOrderOfArrival() {
        // The end arrives first, the start after it and the request last; the build still ends as in the natural order.
        BuildScenario build = new BuildScenario();

        build.publish(events, List.of(build.finished, build.testStepFinished, build.testStepStarted,
                build.buildStepFinished, build.imageBuilt, build.buildStepStarted));
        build.publish(events, List.of(build.testOutput, build.buildOutput));
        api.awaitBuild(build.id, b -> b.path("steps").size() == 2 && b.path("images").size() == 1);

        build.publish(events, List.of(build.started));
        JsonNode afterStart = api.awaitBuild(build.id, b -> b.path("executor").asString("").equals("executor-1"));
        assertThat(afterStart.path("status").asString()).as("a late BuildStarted must not reopen a finished build")
                .isEqualTo("failed");
        assertThat(afterStart.path("steps").get(1).path("status").asString())
                .as("a late StepStarted must not reopen a finished step").isEqualTo("failed");
        assertThat(afterStart.path("repository").path("name").isNull()).isTrue();
        assertThat(afterStart.path("decision").isNull()).as("the decision travels with the request").isTrue();

        build.publish(events, List.of(build.requested));
        JsonNode shown = api.awaitBuild(build.id, b -> !b.path("repository").path("name").isNull());
        assertThat(shown).isEqualTo(api.parse(build.expectedBuildJson()));
        JsonNode log = api.awaitJson("/api/builds/" + build.id + "/logs", l -> l.path("chunks").size() == 2);
        assertThat(log).isEqualTo(api.parse(build.expectedLogJson()));
    }

    @Test
    void anEventDeliveredTwiceChangesNothing() {
        // Redeliveries, recognised by their event id even when their payload differs, leave the build as it was.
        BuildScenario build = new BuildScenario();
        build.publish(events, build.inNaturalOrder());
        api.awaitBuild(build.id, b -> b.path("status").asString().equals("failed")
                && !b.path("repository").path("name").isNull());
        api.awaitJson("/api/builds/" + build.id + "/logs", l -> l.path("chunks").size() == 2);

        build.redeliverAll(events);
        Envelope finishedEnvelope = build.envelopes.get(build.finished);
        events.publish(new BuildFinished(build.id, BuildStatus.SUCCEEDED, "", build.finished.finishedAt().plusSeconds(60)),
                finishedEnvelope);
        events.publish(new StepFinished(build.id, 1, "test", StepOutcome.SUCCEEDED, 0, "",
                build.testStepFinished.finishedAt().plusSeconds(60)), build.envelopes.get(build.testStepFinished));
        events.publish(new BuildRequested(build.id, build.repositoryId, build.repositoryName, 99, "file:///elsewhere",
                build.commit, "refs/heads/other", "push", "another-delivery"), build.envelopes.get(build.requested));

        // Markers behind the redeliveries on each topic (same keys, so same partitions): once they show, the
        // redeliveries before them have been consumed.
        ImageBuilt markerImage = new ImageBuilt(build.id, "marker", "sha256:" + "cd".repeat(32), List.of());
        LogChunk markerChunk = new LogChunk(build.id, "marker", 2, List.of("marker"));
        BuildScenario sibling = new BuildScenario();
        BuildRequested markerRequest = new BuildRequested(sibling.id, build.repositoryId, build.repositoryName, 8,
                "file:///srv/git/app.git", build.commit, "refs/heads/main", "push", "delivery-" + sibling.id);
        publishAt(events, markerImage, build.requestedAt);
        publishAt(events, markerChunk, build.requestedAt);
        publishAt(events, markerRequest, build.requestedAt.plusSeconds(10));
        JsonNode shown = api.awaitBuild(build.id, b -> b.path("images").size() == 2);
        api.awaitBuild(sibling.id, b -> b.path("number").asLong() == 8);
        JsonNode log = api.awaitJson("/api/builds/" + build.id + "/logs", l -> l.path("chunks").size() == 3);

        ObjectNode expected = (ObjectNode) api.parse(build.expectedBuildJson());
        ((ArrayNode) expected.get("images")).add(api.parse("""
                { "step": "marker", "imageId": "%s", "tags": [], "pushes": [] }"""
                .formatted(markerImage.imageId())));
        assertThat(shown).isEqualTo(expected);
        ObjectNode expectedLog = (ObjectNode) api.parse(build.expectedLogJson());
        ((ArrayNode) expectedLog.get("chunks")).add(api.parse("""
                { "sequence": 2, "step": "marker", "lines": ["marker"] }"""));
        assertThat(log).isEqualTo(expectedLog);
    }

    @Test
    void servesTheLogAsPlainTextWhenAskedFor() {
        // Accept: text/plain gives the bare lines, one per line, in sequence order.
        BuildScenario build = new BuildScenario();
        build.publish(events, List.of(build.testOutput, build.buildOutput));
        api.awaitJson("/api/builds/" + build.id + "/logs", l -> l.path("chunks").size() == 2);

        HistoryApi.Response text = api.get("/api/builds/" + build.id + "/logs", "text/plain");

        assertThat(text.status()).isEqualTo(200);
        assertThat(text.contentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(text.body()).isEqualTo("""
                Step 1/2 : FROM busybox
                Successfully built 1234
                running tests
                1 failed
                """);
    }

    @Test
    void aLogOfManyPagesIsServedAsPlainTextWholeAndInOrder() {
        // The text is written page by page as it is read; 70 chunks take three pages of 32.
        UUID buildId = UUID.randomUUID();
        StringBuilder expected = new StringBuilder();
        for (int sequence = 69; sequence >= 0; sequence--) {
            // Published last chunk first: the text follows the sequence, not the arrival.
            events.publish(new LogChunk(buildId, "test", sequence, List.of("chunk " + sequence + " line 1",
                    "chunk " + sequence + " line 2")), "test-" + buildId);
        }
        for (int sequence = 0; sequence < 70; sequence++) {
            expected.append("chunk ").append(sequence).append(" line 1\n")
                    .append("chunk ").append(sequence).append(" line 2\n");
        }
        api.awaitJson("/api/builds/" + buildId + "/logs", l -> l.path("chunks").size() == 70);

        HistoryApi.Response text = api.get("/api/builds/" + buildId + "/logs", "text/plain");

        assertThat(text.status()).isEqualTo(200);
        assertThat(text.contentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
        assertThat(text.body()).isEqualTo(expected.toString());
    }

    @Test
    void theTextOfAnUnknownBuildsLogIsANotFoundProblem() {
        HistoryApi.Response response = api.get("/api/builds/" + UUID.randomUUID() + "/logs", "text/plain");

        assertThat(response.status()).isEqualTo(404);
        assertThat(api.parse(response.body()).path("type").asString())
                .isEqualTo("https://slipway.dev/problems/build-not-found");
    }

    @Test
    void followingALogStreamsItsChunksAndEndsWhenTheBuildFinishes() throws Exception {
        // An SSE follower gets the stored chunks, then new ones, even one that lands after BuildFinished, then an end event.
        BuildScenario build = new BuildScenario();
        build.publish(events, List.of(build.requested, build.started, build.buildStepStarted, build.buildOutput));
        api.awaitJson("/api/builds/" + build.id + "/logs", l -> l.path("chunks").size() == 1);
        api.awaitBuild(build.id, b -> b.path("status").asString().equals("running"));

        HttpRequest request = HttpRequest.newBuilder(api.uri("/api/builds/" + build.id + "/logs?follow=true"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = api.http().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        CompletableFuture<List<String>> stream = CompletableFuture.supplyAsync(() -> response.body().toList());

        build.publish(events, List.of(build.testOutput));
        api.awaitJson("/api/builds/" + build.id + "/logs", l -> l.path("chunks").size() == 2);
        assertThat(stream).as("the stream stays open while the build runs").isNotDone();
        // Logs travel on their own topic: the last chunk may be stored after the build's end.
        LogChunk lateChunk = new LogChunk(build.id, "test", 2, List.of("late line"));
        build.publish(events, List.of(new BuildFinished(build.id, BuildStatus.SUCCEEDED, "", build.finished.finishedAt()),
                lateChunk));

        List<ServerSentEvent> received = ServerSentEvent.parse(stream.get(HistoryApi.DEADLINE.toSeconds(), TimeUnit.SECONDS));
        assertThat(received).extracting(ServerSentEvent::name).containsExactly("chunk", "chunk", "chunk", "end");
        assertThat(received).extracting(ServerSentEvent::id).containsExactly("0", "1", "2", null);
        assertThat(api.parse(received.get(0).data())).isEqualTo(api.parse("""
                { "sequence": 0, "step": "build", "lines": ["Step 1/2 : FROM busybox", "Successfully built 1234"] }"""));
        assertThat(api.parse(received.get(1).data())).isEqualTo(api.parse("""
                { "sequence": 1, "step": "test", "lines": ["running tests", "1 failed"] }"""));
        assertThat(api.parse(received.get(2).data())).isEqualTo(api.parse("""
                { "sequence": 2, "step": "test", "lines": ["late line"] }"""));
        assertThat(api.parse(received.get(3).data())).isEqualTo(api.parse("""
                { "buildId": "%s", "status": "succeeded" }""".formatted(build.id)));
    }

    @Test
    void followingAnUnknownBuildIsANotFoundProblem() {
        // A follower (EventSource sends Accept: text/event-stream) of an unknown build gets a 404 problem at once.
        HistoryApi.Response response = api.get("/api/builds/" + UUID.randomUUID() + "/logs?follow=true",
                "text/event-stream");

        assertThat(response.status()).isEqualTo(404);
        assertThat(api.parse(response.body()).path("type").asString())
                .isEqualTo("https://slipway.dev/problems/build-not-found");
    }

    /** One event of a text/event-stream body. */
    record ServerSentEvent(String id, String name, String data) {

        static List<ServerSentEvent> parse(List<String> lines) {
            List<ServerSentEvent> events = new ArrayList<>();
            String id = null;
            String name = null;
            StringBuilder data = null;
            for (String line : lines) {
                if (line.isEmpty()) {
                    if (data != null || name != null) {
                        events.add(new ServerSentEvent(id, name, data == null ? null : data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                    continue;
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> name = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> { }
                }
            }
            if (data != null || name != null) {
                events.add(new ServerSentEvent(id, name, data == null ? null : data.toString()));
            }
            return events;
        }
    }

}
