package dev.slipway.execution.application.port.out;

/** How a step's container ended, when the backend itself did not fail. */
public sealed interface StepExit {

    /**
     * The process exited.
     *
     * @param exitCode  its exit code
     * @param oomKilled whether the kernel killed it for memory (the exit code is then usually 137)
     */
    record Exited(int exitCode, boolean oomKilled) implements StepExit {
    }

    /** It was still running when the wait's limit came; the backend has stopped it. */
    record TimedOut() implements StepExit {
    }
}
