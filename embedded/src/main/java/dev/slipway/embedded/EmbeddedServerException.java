package dev.slipway.embedded;

/**
 * An embedded server could not be started or stopped. The message says which server, what went
 * wrong and, where there is one, what to do about it; the cause carries the original failure.
 */
public final class EmbeddedServerException extends RuntimeException {

    EmbeddedServerException(String message) {
        super(message);
    }

    EmbeddedServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
