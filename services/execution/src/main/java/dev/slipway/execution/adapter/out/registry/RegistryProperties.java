package dev.slipway.execution.adapter.out.registry;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registry logins that pushes may use, under {@code slipway.execution.registries}. A password
 * is usually a placeholder such as {@code ${SLIPWAY_REGISTRY_PASSWORD}}, which Spring resolves
 * from the environment; an unresolved one stops the service at start.
 *
 * @param registries the logins, in the order they are looked up
 */
@ConfigurationProperties("slipway.execution")
record RegistryProperties(@DefaultValue List<Registry> registries) {

    /**
     * One login.
     *
     * @param host       the registry, as image names spell it: {@code registry.example.com},
     *                   {@code 127.0.0.1:5000}, or {@code docker.io} for Docker Hub
     * @param username   the user
     * @param password   the password or token
     * @param credential the name a push step gives in {@code push.credential} to choose this login,
     *                   or empty for the registry's default login
     */
    record Registry(String host, String username, String password, String credential) {
    }
}
