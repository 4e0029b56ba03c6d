package dev.slipway.execution.application.port.out;

/**
 * A fault of the backend itself: the engine did not answer, broke off, or answered in a way the
 * backend cannot read. A build that failed on its own terms is never one of these.
 */
public class BuildBackendException extends RuntimeException {

    public BuildBackendException(String message) {
        super(message);
    }

    public BuildBackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
