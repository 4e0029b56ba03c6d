package dev.slipway.history.service;

import dev.slipway.history.domain.Decision;
import dev.slipway.model.Envelope;
import dev.slipway.model.SlipwayEvent;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.BuildStatus;
import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.DecisionRecord.StepDecision;
import dev.slipway.model.build.DecisionRecord.Verdict;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepOutcome;
import dev.slipway.model.build.StepStarted;
import dev.slipway.testkit.kafka.EventSender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole life of one failing two-step build in a repository of its own: every event execution
 * and filtering would publish, and the JSON the history must end up showing for it.
 */
final class BuildScenario {

    final UUID id = UUID.randomUUID();
    final String repositoryName = "acme/app-" + id.toString().substring(0, 8);
    final String repositoryId = "github:" + repositoryName;
    final String commit = "9fceb02d0ae598e95dc970b74767f19372d61af8";
    final String imageId = "sha256:" + "ab".repeat(32);
    final Instant requestedAt = Instant.parse("2026-03-01T12:00:00Z");

    final DecisionRecord decision = new DecisionRecord(Verdict.RUN, "on.push.branches",
            "runs: push to main matches on.push.branches", List.of(new StepDecision("build", true, ""),
                    new StepDecision("test", true, ""), new StepDecision("release", false, "requires a tag `v*`")));
    final BuildRequested requested = new BuildRequested(id, repositoryId, repositoryName, 7,
            "file:///srv/git/app.git", commit, "refs/heads/main", "push", "delivery-" + id, decision, null);
    final BuildStarted started = new BuildStarted(id, repositoryId, 7, "executor-1", at(1));
    final StepStarted buildStepStarted = new StepStarted(id, 0, "build", at(2));
    final LogChunk buildOutput = new LogChunk(id, "build", 0, List.of("Step 1/2 : FROM busybox", "Successfully built 1234"));
    final ImageBuilt imageBuilt = new ImageBuilt(id, "build", imageId, List.of("slipway/acme-app:9fceb02"));
    final StepFinished buildStepFinished = new StepFinished(id, 0, "build", StepOutcome.SUCCEEDED, 0, "", at(3));
    final StepStarted testStepStarted = new StepStarted(id, 1, "test", at(4));
    final LogChunk testOutput = new LogChunk(id, "test", 1, List.of("running tests", "1 failed"));
    final StepFinished testStepFinished = new StepFinished(id, 1, "test", StepOutcome.FAILED, 2, "exited with code 2",
            at(5));
    final BuildFinished finished = new BuildFinished(id, BuildStatus.FAILED, "step test failed with exit code 2", at(6));

    /** Envelope of each event as last published, for redelivering it. */
    final Map<SlipwayEvent, Envelope> envelopes = new LinkedHashMap<>();

    private Instant at(int seconds) {
        return requestedAt.plusSeconds(seconds);
    }

    /** Every event, in the order the services would publish them. */
    List<SlipwayEvent> inNaturalOrder() {
        return List.of(requested, started, buildStepStarted, buildOutput, imageBuilt, buildStepFinished,
                testStepStarted, testOutput, testStepFinished, finished);
    }

    /** Publishes {@code events}, each with the time it happened as its occurred-at. */
    void publish(EventSender sender, List<? extends SlipwayEvent> events) {
        for (SlipwayEvent event : events) {
            envelopes.put(event, HistoryServiceTest.publishAt(sender, event, occurredAt(event)));
        }
    }

    /** Publishes every event again with the envelope it was first published with. */
    void redeliverAll(EventSender sender) {
        for (Map.Entry<SlipwayEvent, Envelope> e : new ArrayList<>(envelopes.entrySet())) {
            sender.publish(e.getKey(), e.getValue());
        }
    }

    private Instant occurredAt(SlipwayEvent event) {
        return switch (event) {
            case BuildRequested r -> requestedAt;
            case BuildStarted s -> s.startedAt();
            case StepStarted s -> s.startedAt();
            case StepFinished s -> s.finishedAt();
            case BuildFinished f -> f.finishedAt();
            default -> at(3);
        };
    }

    /** The JSON of {@code GET /api/builds/{id}} once every event has arrived. */
    String expectedBuildJson() {
        return """
                {
                  "id": "%1$s",
                  "status": "failed",
                  "repository": { "id": "%2$s", "name": "%3$s" },
                  "number": 7,
                  "commit": "%4$s",
                  "ref": "refs/heads/main",
                  "branch": "main",
                  "tag": null,
                  "event": "push",
                  "deliveryId": "delivery-%1$s",
                  "executor": "executor-1",
                  "reason": "step test failed with exit code 2",
                  "createdAt": "2026-03-01T12:00:00Z",
                  "startedAt": "2026-03-01T12:00:01Z",
                  "finishedAt": "2026-03-01T12:00:06Z",
                  "decision": {
                    "id": "%6$s",
                    "verdict": "run",
                    "rule": "on.push.branches",
                    "reason": "runs: push to main matches on.push.branches",
                    "repository": { "id": "%2$s", "name": "%3$s" },
                    "deliveryId": "delivery-%1$s",
                    "event": "push",
                    "ref": "refs/heads/main",
                    "branch": "main",
                    "tag": null,
                    "commit": "%4$s",
                    "build": { "id": "%1$s", "number": 7 },
                    "decidedAt": "2026-03-01T12:00:00Z",
                    "steps": [
                      { "name": "build", "matched": true, "reason": "" },
                      { "name": "test", "matched": true, "reason": "" },
                      { "name": "release", "matched": false, "reason": "requires a tag `v*`" }
                    ],
                    "problems": []
                  },
                  "steps": [
                    { "index": 0, "name": "build", "status": "succeeded", "exitCode": 0, "message": "",
                      "startedAt": "2026-03-01T12:00:02Z", "finishedAt": "2026-03-01T12:00:03Z" },
                    { "index": 1, "name": "test", "status": "failed", "exitCode": 2, "message": "exited with code 2",
                      "startedAt": "2026-03-01T12:00:04Z", "finishedAt": "2026-03-01T12:00:05Z" }
                  ],
                  "images": [
                    { "step": "build", "imageId": "%5$s", "tags": ["slipway/acme-app:9fceb02"], "pushes": [] }
                  ]
                }""".formatted(id, repositoryId, repositoryName, commit, imageId,
                Decision.idOf(repositoryId, "delivery-" + id));
    }

    /** The JSON of {@code GET /api/builds/{id}/logs} once both chunks have arrived. */
    String expectedLogJson() {
        return """
                {
                  "buildId": "%s",
                  "chunks": [
                    { "sequence": 0, "step": "build", "lines": ["Step 1/2 : FROM busybox", "Successfully built 1234"] },
                    { "sequence": 1, "step": "test", "lines": ["running tests", "1 failed"] }
                  ]
                }""".formatted(id);
    }
}
