package dev.slipway.execution.application.port.out;

import java.util.Objects;

/** How a push ended, when the backend itself did not fail. */
public sealed interface PushResult {

    /** @param digest the manifest digest the registry answered, {@code sha256:...}; every tag points at it */
    record Pushed(String digest) implements PushResult {
        public Pushed {
            Objects.requireNonNull(digest, "digest");
        }
    }

    /**
     * The registry refused it.
     *
     * @param registry which registry, such as {@code 127.0.0.1:5000}
     * @param user     the user Slipway logged in as, or empty when it sent no credentials
     * @param message  what the registry answered, in its words, such as
     *                 {@code unauthorized: authentication required}
     */
    record Refused(String registry, String user, String message) implements PushResult {
        public Refused {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(message, "message");
        }

        /** The sentence a build's log and its step's message show. */
        public String describe() {
            return "push to " + registry + (user.isEmpty() ? " without credentials" : " as " + user)
                    + " was refused: " + message;
        }
    }
}
