package dev.slipway.execution.adapter.out.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.execution.application.port.out.RegistryAuth;
import dev.slipway.execution.application.port.out.RegistryCredentials;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ConfiguredRegistryCredentialsTest {

    private static final RegistryProperties.Registry LOCAL = new RegistryProperties.Registry("127.0.0.1:5000", "ci",
            "local-secret", null);
    private static final RegistryProperties.Registry HUB_DEPLOY = new RegistryProperties.Registry("docker.io", "acme",
            "hub-token", "hub-deploy");
    private static final RegistryProperties.Registry HUB_READONLY = new RegistryProperties.Registry("index.docker.io",
            "acme-ro", "hub-ro-token", "hub-readonly");

    @Test
    void givesTheRegistrysDefaultLoginWhenThePushNamesNone() {
        // Verifies the plain case: the login configured for a host, whatever case the push spells it in.
        RegistryCredentials credentials = credentials(LOCAL);

        assertThat(credentials.forRegistry("127.0.0.1:5000", Optional.empty()))
                .contains(new RegistryAuth("127.0.0.1:5000", "ci", "local-secret"));
        assertThat(credentials.forRegistry("REGISTRY.example.com", Optional.empty())).isEmpty();
    }

    @Test
    void givesTheNamedLoginOnlyForItsOwnRegistry() {
        // Verifies push.credential: the login of that name, Docker Hub's aliases as one registry, and never a login
        // sent to a registry it was not configured for.
        RegistryCredentials credentials = credentials(LOCAL, HUB_DEPLOY, HUB_READONLY);

        assertThat(credentials.forRegistry("registry-1.docker.io", Optional.of("hub-deploy")))
                .map(RegistryAuth::username).contains("acme");
        assertThat(credentials.forRegistry("docker.io", Optional.of("hub-readonly")))
                .map(RegistryAuth::username).contains("acme-ro");
        assertThat(credentials.forRegistry("127.0.0.1:5000", Optional.of("hub-deploy"))).isEmpty();
        assertThat(credentials.forRegistry("docker.io", Optional.of("no-such-name"))).isEmpty();
    }

    @Test
    void givesNoLoginWhenSeveralNamedOnesCouldBeMeant() {
        // Verifies that an unnamed push to a registry with only named logins gets one only when it is the only one.
        assertThat(credentials(LOCAL, HUB_DEPLOY, HUB_READONLY).forRegistry("docker.io", Optional.empty())).isEmpty();
        assertThat(credentials(HUB_DEPLOY).forRegistry("docker.io", Optional.empty()))
                .map(RegistryAuth::username).contains("acme");
    }

    @Test
    void refusesAConfigurationItCannotUse() {
        // Verifies the start-up checks, each naming the entry and what to do.
        assertThatThrownBy(() -> credentials(new RegistryProperties.Registry(" ", "ci", "x", null)))
                .hasMessageContaining("slipway.execution.registries[0].host is missing");
        assertThatThrownBy(() -> credentials(LOCAL, new RegistryProperties.Registry("r.example.com", "ci", "", null)))
                .hasMessageContaining("slipway.execution.registries[1].password is empty for ci@r.example.com");
        assertThatThrownBy(() -> credentials(new RegistryProperties.Registry("r.example.com", null, "x", null)))
                .hasMessageContaining("username is missing");
        assertThatThrownBy(() -> credentials(LOCAL, new RegistryProperties.Registry("127.0.0.1:5000", "other", "y", " ")))
                .hasMessageContaining("repeats the login without a credential name for 127.0.0.1:5000");
    }

    @Test
    void bindsFromPropertiesWithThePasswordFromTheEnvironment() {
        // Verifies the Spring binding of slipway.execution.registries, a ${...} password resolved by Spring, and that
        // the bean is the RegistryCredentials port.
        new ApplicationContextRunner()
                .withUserConfiguration(Scan.class)
                .withSystemProperties("SLIPWAY_TEST_REGISTRY_PASSWORD=from-the-environment")
                .withPropertyValues(
                        "slipway.execution.registries[0].host=127.0.0.1:5000",
                        "slipway.execution.registries[0].username=ci",
                        "slipway.execution.registries[0].password=${SLIPWAY_TEST_REGISTRY_PASSWORD}",
                        "slipway.execution.registries[1].host=docker.io",
                        "slipway.execution.registries[1].username=acme",
                        "slipway.execution.registries[1].password=token",
                        "slipway.execution.registries[1].credential=hub")
                .run(context -> {
                    RegistryCredentials credentials = context.getBean(RegistryCredentials.class);
                    assertThat(credentials.forRegistry("127.0.0.1:5000", Optional.empty()))
                            .contains(new RegistryAuth("127.0.0.1:5000", "ci", "from-the-environment"));
                    assertThat(credentials.forRegistry("docker.io", Optional.of("hub"))).isPresent();
                });
    }

    @Test
    void startsWithNoRegistriesConfigured() {
        // Verifies that no configuration means no logins, not a failure.
        new ApplicationContextRunner().withUserConfiguration(Scan.class).run(context ->
                assertThat(context.getBean(RegistryCredentials.class).forRegistry("docker.io", Optional.empty()))
                        .isEmpty());
    }

    private static RegistryCredentials credentials(RegistryProperties.Registry... registries) {
        return new ConfiguredRegistryCredentials(new RegistryProperties(Arrays.asList(registries)));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RegistryProperties.class)
    static class Scan {
        @Bean
        ConfiguredRegistryCredentials registryCredentials(RegistryProperties properties) {
            return new ConfiguredRegistryCredentials(properties);
        }
    }
}
