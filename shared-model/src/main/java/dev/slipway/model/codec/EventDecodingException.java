package dev.slipway.model.codec;

/**
 * A record could not be read into an event: its type or version is unknown, its JSON is
 * malformed, or a required field is missing. The message names which, for the dead-letter record.
 */
public class EventDecodingException extends RuntimeException {

    public EventDecodingException(String message) {
        super(message);
    }

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }
}
