package dev.slipway.execution.application.port.out;

import java.util.Optional;

/**
 * The values of the secrets that plans name. Configuration serves them for now
 * ({@code slipway.execution.secrets.<name>}); the credential broker takes over later, behind the
 * same port. Values go into containers and build arguments and are masked in every log line;
 * they are never logged or put in an event.
 */
public interface SecretValues {

    /**
     * The value of secret {@code name}, as the plan names it (such as {@code npm-token}).
     *
     * @return the value, or empty when no such secret is known
     */
    Optional<String> value(String name);
}
