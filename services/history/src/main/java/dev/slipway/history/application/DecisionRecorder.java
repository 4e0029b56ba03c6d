package dev.slipway.history.application;

import dev.slipway.history.application.port.in.RecordDecisions;
import dev.slipway.history.application.port.out.DecisionStore;
import dev.slipway.history.domain.Decision;
import dev.slipway.history.domain.GitRef;
import dev.slipway.model.build.BuildErrored;
import dev.slipway.model.build.BuildRequested;
import dev.slipway.model.build.BuildSkipped;
import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.LintProblem;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Turns filtering's triggers into the history's decisions. */
@Service
class DecisionRecorder implements RecordDecisions {

    private final DecisionStore store;

    DecisionRecorder(DecisionStore store) {
        this.store = store;
    }

    @Override
    public void requested(BuildRequested event, Instant decidedAt) {
        store.record(decision(event.repositoryId(), event.repositoryName(), event.deliveryId(), event.event(),
                event.ref(), event.commitSha(), event.decision(), List.of(), event.buildId(), event.buildNumber(),
                decidedAt));
    }

    @Override
    public void skipped(BuildSkipped event, Instant decidedAt) {
        store.record(decision(event.repositoryId(), event.repositoryName(), event.deliveryId(), event.event(),
                event.ref(), event.commitSha(), event.decision(), List.of(), null, null, decidedAt));
    }

    @Override
    public void errored(BuildErrored event, Instant decidedAt) {
        store.record(decision(event.repositoryId(), event.repositoryName(), event.deliveryId(), event.event(),
                event.ref(), event.commitSha(), event.decision(), event.problems(), null, null, decidedAt));
    }

    private static Decision decision(String repositoryId, String repositoryName, String deliveryId, String event,
                                     String ref, String commitSha, DecisionRecord decision, List<LintProblem> problems,
                                     UUID buildId, Long buildNumber, Instant decidedAt) {
        return new Decision(Decision.idOf(repositoryId, deliveryId), repositoryId, repositoryName, deliveryId, event,
                new GitRef(ref), commitSha, decision.verdict(), decision.rule(), decision.reason(), decision.steps(),
                problems, buildId, buildNumber, decidedAt);
    }
}
