package dev.slipway.history.application.port.in;

import dev.slipway.history.domain.Decision;
import dev.slipway.history.domain.Page;
import java.util.UUID;

/** Answers questions about filtering's decisions. Read-only and thread-safe. */
public interface QueryDecisions {

    /** One page of the decisions that match {@code query}, newest first. */
    Page<Decision> decisions(DecisionQuery query);

    /**
     * The decision {@code id}.
     *
     * @throws DecisionNotFoundException when the history has not recorded it
     */
    Decision decision(UUID id);
}
