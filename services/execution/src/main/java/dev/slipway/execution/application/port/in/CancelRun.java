package dev.slipway.execution.application.port.in;

/** Cancels a build that this service was asked to run: queued, running, or not even queued yet. */
public interface CancelRun {

    /**
     * Records the cancel and acts on it: a queued build ends {@code cancelled} without starting; a
     * running one has its containers stopped and ends {@code cancelled}, on whichever executor
     * runs it; a build not queued yet ends {@code cancelled} as soon as its request arrives. A
     * finished build does not change. Asking twice changes nothing the second time.
     */
    CancelRunOutcome cancel(CancelRunCommand command);
}
