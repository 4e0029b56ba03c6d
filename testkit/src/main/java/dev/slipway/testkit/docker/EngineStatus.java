package dev.slipway.testkit.docker;

/**
 * The outcome of asking a Docker engine whether it is there.
 *
 * @param answers whether it answered a ping
 * @param description its version and address when it did; the address and the error otherwise
 */
public record EngineStatus(boolean answers, String description) {

    /** An engine that answered. */
    public static EngineStatus answering(String description) {
        return new EngineStatus(true, description);
    }

    /** An engine that did not answer, and why. */
    public static EngineStatus silent(String description) {
        return new EngineStatus(false, description);
    }
}
