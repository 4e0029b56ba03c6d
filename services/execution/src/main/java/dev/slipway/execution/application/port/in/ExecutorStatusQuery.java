package dev.slipway.execution.application.port.in;

/** Tells whether this executor can run builds now, for health checks and operators. */
public interface ExecutorStatusQuery {

    /** The executor's status as of its last look at the engine; never blocks on the engine. */
    ExecutorStatus status();
}
