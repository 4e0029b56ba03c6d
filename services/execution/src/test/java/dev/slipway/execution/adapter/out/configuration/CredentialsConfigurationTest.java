package dev.slipway.execution.adapter.out.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Secrets bound from configuration as Spring binds them, and looked up as plans name them. */
class CredentialsConfigurationTest {

    private static CredentialsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("slipway.execution", CredentialsProperties.class);
    }

    @Test
    void findsSecretsByTheNamesPlansUseHoweverTheyWereWrittenInConfiguration() {
        // Verifies lookups by plan names: kebab-case as written, UPPER_SNAKE in brackets, and without brackets.
        ConfiguredSecretValues secrets = new ConfiguredSecretValues(bind(Map.of(
                "slipway.execution.secrets.npm-token", "npm-value",
                "slipway.execution.secrets[DEPLOY_KEY]", "deploy-value",
                "slipway.execution.secrets.GITHUB_TOKEN", "github-value")).secrets());

        assertThat(secrets.value("npm-token")).contains("npm-value");
        assertThat(secrets.value("DEPLOY_KEY")).contains("deploy-value");
        assertThat(secrets.value("GITHUB_TOKEN")).contains("github-value");
        assertThat(secrets.value("aws-key")).isEmpty();
    }

    @Test
    void findsASecretGivenAsAnEnvironmentVariable() {
        // Verifies SLIPWAY_EXECUTION_SECRETS_DEPLOY_KEY, which Spring binds as key deploy.key, under DEPLOY_KEY.
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SLIPWAY_EXECUTION_SECRETS_DEPLOY_KEY", "from-the-environment"));
        CredentialsProperties properties = new Binder(ConfigurationPropertySources.from(environment))
                .bindOrCreate("slipway.execution", CredentialsProperties.class);

        assertThat(new ConfiguredSecretValues(properties.secrets()).value("DEPLOY_KEY")).contains("from-the-environment");
        assertThat(new ConfiguredSecretValues(properties.secrets()).value("deploy-key")).contains("from-the-environment");
    }

    @Test
    void neverShowsAValueWhenPrinted() {
        // Verifies that the bound settings print names and users, never a secret or a password.
        CredentialsProperties properties = bind(Map.of("slipway.execution.secrets.npm-token", "npm-value"));

        assertThat(properties.toString()).contains("npm-token").doesNotContain("npm-value");
    }

    @Test
    void bindsNothingToEmptyMaps() {
        // Verifies the default: no secrets configured is valid and finds nothing.
        CredentialsProperties properties = bind(Map.of());

        assertThat(new ConfiguredSecretValues(properties.secrets()).value("npm-token")).isEmpty();
    }
}
