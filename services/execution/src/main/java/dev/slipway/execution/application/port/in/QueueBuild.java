package dev.slipway.execution.application.port.in;

/** Takes a requested build into the executor's queue. */
public interface QueueBuild {

    /**
     * Queues the build unless it is queued, running or finished already, so that a redelivered
     * request changes nothing. Joins the caller's transaction; the build starts after it commits,
     * on a worker of its own, as soon as a worker and an engine are free.
     *
     * @return whether the build was new
     */
    boolean queue(QueueBuildCommand command);
}
