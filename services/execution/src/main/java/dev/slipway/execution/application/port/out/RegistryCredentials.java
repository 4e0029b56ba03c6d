package dev.slipway.execution.application.port.out;

import java.util.Optional;

/**
 * Where a push's login comes from. Configuration serves it for now; the credential broker takes
 * over later, behind the same port.
 */
public interface RegistryCredentials {

    /**
     * The login for {@code registry}.
     *
     * @param registry   the registry a push goes to, such as {@code 127.0.0.1:5000}
     * @param credential the credential the push step names ({@code push.credential}), if any
     * @return the login, or empty when the registry needs none that Slipway knows of
     */
    Optional<RegistryAuth> forRegistry(String registry, Optional<String> credential);
}
