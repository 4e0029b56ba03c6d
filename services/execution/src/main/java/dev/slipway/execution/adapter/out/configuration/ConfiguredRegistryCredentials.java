package dev.slipway.execution.adapter.out.configuration;

import dev.slipway.execution.application.port.out.RegistryAuth;
import dev.slipway.execution.application.port.out.RegistryCredentials;
import java.util.Map;
import java.util.Optional;

/**
 * Registry logins from {@code slipway.execution.registries}. A push that names a credential gets
 * the entry of that name (for the push's registry, unless the entry names another registry, which
 * it then does not get); a push that names none gets the entry named after its registry, or else
 * the one entry that says it is for that registry.
 */
final class ConfiguredRegistryCredentials implements RegistryCredentials {

    private final Map<String, CredentialsProperties.Registry> entries;

    ConfiguredRegistryCredentials(Map<String, CredentialsProperties.Registry> entries) {
        this.entries = Map.copyOf(entries);
    }

    @Override
    public Optional<RegistryAuth> forRegistry(String registry, Optional<String> credential) {
        if (credential.isPresent()) {
            return entry(credential.get())
                    .filter(e -> e.registry() == null || e.registry().isBlank() || e.registry().equals(registry))
                    .map(e -> auth(registry, e));
        }
        return entry(registry)
                .or(() -> entries.values().stream().filter(e -> registry.equals(e.registry())).findFirst())
                .map(e -> auth(registry, e));
    }

    private Optional<CredentialsProperties.Registry> entry(String name) {
        CredentialsProperties.Registry exact = entries.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String relaxed = ConfiguredSecretValues.relax(name);
        return entries.entrySet().stream().filter(e -> ConfiguredSecretValues.relax(e.getKey()).equals(relaxed))
                .map(Map.Entry::getValue).findFirst();
    }

    private static RegistryAuth auth(String registry, CredentialsProperties.Registry entry) {
        return new RegistryAuth(registry, entry.username() == null ? "" : entry.username(),
                entry.password() == null ? "" : entry.password());
    }
}
