package dev.slipway.execution.application.port.in;

/** What a cancel found, for the log of whoever asked. */
public enum CancelRunOutcome {
    /** The build was queued; it ended cancelled without starting. */
    CANCELLED_QUEUED,
    /** The build is running; it is being stopped, here or by the executor that runs it. */
    STOPPING,
    /** The build had ended already; nothing changed. */
    ALREADY_FINISHED,
    /** The build's request has not arrived; it ends cancelled as soon as it does. */
    NOT_YET_REQUESTED
}
