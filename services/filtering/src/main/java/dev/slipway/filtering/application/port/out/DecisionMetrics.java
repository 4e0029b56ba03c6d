package dev.slipway.filtering.application.port.out;

import java.time.Duration;

/** What filtering counts about its decisions. */
public interface DecisionMetrics {

    /** A decision was made: {@code outcome} is build, skip or error, {@code rule} the rule that decided. */
    void decided(String outcome, String rule, Duration latency);

    /** A pipeline was looked up in the (repository, commit) cache. */
    void pipelineCache(boolean hit);
}
