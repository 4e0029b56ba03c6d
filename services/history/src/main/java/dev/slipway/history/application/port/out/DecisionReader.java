package dev.slipway.history.application.port.out;

import dev.slipway.history.application.port.in.DecisionQuery;
import dev.slipway.history.domain.Decision;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads the history's decisions. Thread-safe. */
public interface DecisionReader {

    /**
     * The decisions that match {@code query}, newest first by decision time and then by id,
     * starting after {@code query.after()}, at most {@code max} of them.
     */
    List<Decision> decisions(DecisionQuery query, int max);

    Optional<Decision> decision(UUID id);

    /** The decision that requested build {@code buildId}, once it has arrived. */
    Optional<Decision> decisionOfBuild(UUID buildId);
}
