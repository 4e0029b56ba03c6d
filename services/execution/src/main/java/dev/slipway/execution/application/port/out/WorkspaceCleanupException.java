package dev.slipway.execution.application.port.out;

/** Workspaces could not be listed or deleted; the message says where and why. */
public class WorkspaceCleanupException extends RuntimeException {

    public WorkspaceCleanupException(String message, Throwable cause) {
        super(message, cause);
    }
}
