package dev.slipway.execution.application.port.out;

import java.util.Objects;

/**
 * A login to one registry. {@link #toString()} never shows the password.
 *
 * @param registry such as {@code 127.0.0.1:5000} or {@code registry.example.com}
 */
public record RegistryAuth(String registry, String username, String password) {

    public RegistryAuth {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryAuth[" + username + "@" + registry + "]";
    }
}
