package dev.slipway.execution.adapter.out.configuration;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Secrets and registry logins from configuration, under {@code slipway.execution}, until the
 * credential broker serves them.
 *
 * <pre>
 * slipway:
 *   execution:
 *     secrets:
 *       npm-token: s3cr3t
 *       "[DEPLOY_KEY]": ...        # brackets keep upper case and underscores as written
 *     registries:
 *       "[127.0.0.1:5000]": { username: ci, password: ... }   # by registry
 *       ghcr-acme: { registry: ghcr.io, username: acme-bot, password: ... }   # by push.credential
 * </pre>
 *
 * @param secrets    secret values by the name plans use
 * @param registries logins, by the registry they are for or by the credential name a push step gives
 */
@ConfigurationProperties("slipway.execution")
record CredentialsProperties(Map<String, String> secrets, Map<String, Registry> registries) {

    CredentialsProperties {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        registries = registries == null ? Map.of() : Map.copyOf(registries);
    }

    /**
     * @param registry the registry the login is for, when the entry is named after a credential;
     *                 empty to use it for whichever registry the push goes to
     */
    record Registry(String registry, String username, String password) {

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Registry[" + username + "@" + registry + "]";
        }
    }

    /** Never shows a value. */
    @Override
    public String toString() {
        return "CredentialsProperties[secrets=" + secrets.keySet() + ", registries=" + registries + "]";
    }
}
