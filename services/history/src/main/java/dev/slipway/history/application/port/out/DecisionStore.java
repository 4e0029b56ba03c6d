package dev.slipway.history.application.port.out;

import dev.slipway.history.domain.Decision;

/**
 * Where the history keeps filtering's decisions.
 *
 * <p>Contract: {@link #record} stores a decision unless one with its id (that is, for its
 * repository and delivery) is stored already, in which case it changes nothing: the first
 * decision stands. Calls join the caller's transaction.
 */
public interface DecisionStore {

    void record(Decision decision);
}
