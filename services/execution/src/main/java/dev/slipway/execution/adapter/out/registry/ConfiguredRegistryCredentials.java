package dev.slipway.execution.adapter.out.registry;

import dev.slipway.execution.application.port.out.RegistryAuth;
import dev.slipway.execution.application.port.out.RegistryCredentials;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Registry logins from configuration ({@link RegistryProperties}), until the credential broker
 * serves them behind the same port.
 *
 * <ul>
 *   <li>A push that names a credential gets the login of that name, and only if it is for the
 *       push's registry: a login is never sent to a registry it was not configured for.</li>
 *   <li>A push that names none gets the registry's login without a name; failing that, the
 *       registry's only login; failing that (none, or several named ones), no login.</li>
 *   <li>Registry hosts compare without case, and Docker Hub's names ({@code docker.io},
 *       {@code index.docker.io}, {@code registry-1.docker.io}) are one registry.</li>
 * </ul>
 *
 * The configuration is checked at start: every login has a host, a user and a non-empty password,
 * and no two logins share a host and a name.
 */
@Component
@EnableConfigurationProperties(RegistryProperties.class)
class ConfiguredRegistryCredentials implements RegistryCredentials {

    private static final Set<String> DOCKER_HUB = Set.of("docker.io", "index.docker.io", "registry-1.docker.io");

    private final List<Login> logins;

    ConfiguredRegistryCredentials(RegistryProperties properties) {
        List<Login> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < properties.registries().size(); i++) {
            RegistryProperties.Registry registry = properties.registries().get(i);
            String where = "slipway.execution.registries[" + i + "]";
            if (registry == null || blank(registry.host())) {
                throw new IllegalArgumentException(where + ".host is missing: name the registry, such as registry.example.com");
            }
            if (blank(registry.username())) {
                throw new IllegalArgumentException(where + ".username is missing for " + registry.host());
            }
            if (registry.password() == null || registry.password().isEmpty()) {
                throw new IllegalArgumentException(where + ".password is empty for " + registry.username() + "@"
                        + registry.host() + ": set it, usually as ${AN_ENVIRONMENT_VARIABLE}");
            }
            Optional<String> credential = blank(registry.credential()) ? Optional.empty()
                    : Optional.of(registry.credential().strip());
            Login login = new Login(normalize(registry.host()), credential,
                    new RegistryAuth(registry.host().strip(), registry.username().strip(), registry.password()));
            if (!seen.add(login.host() + " " + credential.orElse(""))) {
                throw new IllegalArgumentException(where + " repeats the login " + credential.map(name -> "'" + name + "' ")
                        .orElse("without a credential name ") + "for " + registry.host());
            }
            checked.add(login);
        }
        this.logins = List.copyOf(checked);
    }

    @Override
    public Optional<RegistryAuth> forRegistry(String registry, Optional<String> credential) {
        String host = normalize(registry);
        List<Login> forHost = logins.stream().filter(login -> login.host().equals(host)).toList();
        if (credential.isPresent()) {
            return forHost.stream().filter(login -> login.credential().equals(credential.map(String::strip)))
                    .map(Login::auth).findFirst();
        }
        return forHost.stream().filter(login -> login.credential().isEmpty()).map(Login::auth).findFirst()
                .or(() -> forHost.size() == 1 ? Optional.of(forHost.getFirst().auth()) : Optional.empty());
    }

    private static String normalize(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        return DOCKER_HUB.contains(lower) ? "docker.io" : lower;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A configured login, with its host as compared. */
    private record Login(String host, Optional<String> credential, RegistryAuth auth) {
    }
}
