package dev.slipway.execution.adapter.out.configuration;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Secrets from configuration, under {@code slipway.execution}, until the credential broker serves
 * them. (Registry logins are {@code slipway.execution.registries}, read by the registry adapter.)
 *
 * <pre>
 * slipway:
 *   execution:
 *     secrets:
 *       npm-token: s3cr3t
 *       "[DEPLOY_KEY]": ...        # brackets keep upper case and underscores as written
 * </pre>
 *
 * @param secrets secret values by the name plans use
 */
@ConfigurationProperties("slipway.execution")
record CredentialsProperties(Map<String, String> secrets) {

    CredentialsProperties {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
    }

    /** Never shows a value. */
    @Override
    public String toString() {
        return "CredentialsProperties[secrets=" + secrets.keySet() + "]";
    }
}
