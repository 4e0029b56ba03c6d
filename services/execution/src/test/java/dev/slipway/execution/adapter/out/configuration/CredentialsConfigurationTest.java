package dev.slipway.execution.adapter.out.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.execution.application.port.out.RegistryAuth;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Secrets and registry logins bound from configuration as Spring binds them, and looked up as plans name them. */
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
    void servesARegistrysLoginByRegistryOrByTheCredentialAPushNames() {
        // Verifies both ways to name a login, and that a credential for another registry is not sent elsewhere.
        ConfiguredRegistryCredentials registries = new ConfiguredRegistryCredentials(bind(Map.of(
                "slipway.execution.registries[127.0.0.1:5000].username", "ci",
                "slipway.execution.registries[127.0.0.1:5000].password", "local-password",
                "slipway.execution.registries.ghcr-acme.registry", "ghcr.io",
                "slipway.execution.registries.ghcr-acme.username", "acme-bot",
                "slipway.execution.registries.ghcr-acme.password", "ghcr-password")).registries());

        assertThat(registries.forRegistry("127.0.0.1:5000", Optional.empty()))
                .contains(new RegistryAuth("127.0.0.1:5000", "ci", "local-password"));
        assertThat(registries.forRegistry("ghcr.io", Optional.of("ghcr-acme")))
                .contains(new RegistryAuth("ghcr.io", "acme-bot", "ghcr-password"));
        assertThat(registries.forRegistry("ghcr.io", Optional.empty()))
                .contains(new RegistryAuth("ghcr.io", "acme-bot", "ghcr-password"));
        assertThat(registries.forRegistry("docker.io", Optional.of("ghcr-acme"))).isEmpty();
        assertThat(registries.forRegistry("docker.io", Optional.empty())).isEmpty();
    }

    @Test
    void neverShowsAValueWhenPrinted() {
        // Verifies that the bound settings print names and users, never a secret or a password.
        CredentialsProperties properties = bind(Map.of("slipway.execution.secrets.npm-token", "npm-value",
                "slipway.execution.registries.ghcr-acme.username", "acme-bot",
                "slipway.execution.registries.ghcr-acme.password", "ghcr-password"));

        assertThat(properties.toString()).contains("npm-token", "acme-bot")
                .doesNotContain("npm-value").doesNotContain("ghcr-password");
    }

    @Test
    void bindsNothingToEmptyMaps() {
        // Verifies the default: no secrets and no registries configured is valid and finds nothing.
        CredentialsProperties properties = bind(Map.of());

        assertThat(new ConfiguredSecretValues(properties.secrets()).value("npm-token")).isEmpty();
        assertThat(new ConfiguredRegistryCredentials(properties.registries()).forRegistry("ghcr.io", Optional.empty()))
                .isEmpty();
    }
}
