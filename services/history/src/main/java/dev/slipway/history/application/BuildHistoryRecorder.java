package dev.slipway.history.application;

import dev.slipway.history.application.port.in.RecordBuildHistory;
import dev.slipway.history.application.port.out.BuildHistoryStore;
import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.history.domain.BuiltImage;
import dev.slipway.history.domain.FinishedBuild;
import dev.slipway.history.domain.FinishedStep;
import dev.slipway.history.domain.GitRef;
import dev.slipway.history.domain.PushedImage;
import dev.slipway.history.domain.RequestedBuild;
import dev.slipway.history.domain.StartedBuild;
import dev.slipway.history.domain.StartedStep;
import dev.slipway.history.domain.StepStatus;
import dev.slipway.model.build.BuildFinished;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildStarted;
import dev.slipway.model.build.ImageBuilt;
import dev.slipway.model.build.ImagePushed;
import dev.slipway.model.build.LogChunk;
import dev.slipway.model.build.StepFinished;
import dev.slipway.model.build.StepStarted;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** Turns build events into the history's facts and merges them into the store. */
@Service
class BuildHistoryRecorder implements RecordBuildHistory {

    private final BuildHistoryStore store;

    BuildHistoryRecorder(BuildHistoryStore store) {
        this.store = store;
    }

    @Override
    public void requested(BuildRequested event, Instant requestedAt) {
        store.recordRequested(new RequestedBuild(event.buildId(), event.repositoryId(), event.repositoryName(),
                event.buildNumber(), event.commitSha(), new GitRef(event.ref()), event.event(), event.deliveryId(),
                requestedAt));
    }

    @Override
    public void started(BuildStarted event) {
        store.recordStarted(new StartedBuild(event.buildId(), event.repositoryId(), event.buildNumber(),
                event.executor(), event.startedAt()));
    }

    @Override
    public void stepStarted(StepStarted event) {
        store.recordStepStarted(new StartedStep(event.buildId(), event.stepIndex(), event.stepName(), event.startedAt()));
    }

    @Override
    public void stepFinished(StepFinished event) {
        store.recordStepFinished(new FinishedStep(event.buildId(), event.stepIndex(), event.stepName(),
                StepStatus.of(event.outcome()), event.exitCode(), event.message(), event.finishedAt()));
    }

    @Override
    public void imageBuilt(ImageBuilt event) {
        store.recordImage(event.buildId(), new BuiltImage(event.stepName(), event.imageId(), event.tags()));
    }

    @Override
    public void imagePushed(ImagePushed event) {
        store.recordPush(event.buildId(), new PushedImage(event.stepName(), event.imageId(), event.repository(),
                event.tags(), event.digest()));
    }

    @Override
    public void finished(BuildFinished event) {
        store.recordFinished(new FinishedBuild(event.buildId(), event.status(), event.reason(), event.finishedAt()));
    }

    @Override
    public void logged(LogChunk chunk) {
        store.recordLogChunk(new BuildLogChunk(chunk.buildId(), chunk.sequence(), chunk.step(), chunk.lines()));
    }
}
