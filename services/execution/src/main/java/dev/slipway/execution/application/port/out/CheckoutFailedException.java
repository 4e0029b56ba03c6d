package dev.slipway.execution.application.port.out;

/** The repository could not be cloned at the build's commit; the message says why, in words. */
public class CheckoutFailedException extends RuntimeException {

    public CheckoutFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
