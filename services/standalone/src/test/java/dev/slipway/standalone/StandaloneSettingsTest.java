package dev.slipway.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandaloneSettingsTest {

    @Test
    void withNothingSetTheDocumentedDefaultsApply() {
        // The ports and home that the README and DESIGN.md promise.
        StandaloneSettings s = StandaloneSettings.fromEnvironment(Map.of());

        assertThat(s.home()).isEqualTo(Path.of(System.getProperty("user.home"), ".slipway").toAbsolutePath());
        assertThat(s.servicePorts()).containsExactlyInAnyOrderEntriesOf(Map.of("history", 8080, "ingestion", 8081,
                "filtering", 8082, "execution", 8083, "releases", 8084, "credentials", 8085));
        assertThat(s.postgresPort()).isEqualTo(5433);
        assertThat(s.kafkaPort()).isEqualTo(9092);
        assertThat(s.repositoriesFile()).isNull();
    }

    @Test
    void environmentVariablesOverrideHomePortsAndRepositories() {
        // Each documented variable takes effect.
        StandaloneSettings s = StandaloneSettings.fromEnvironment(Map.of("SLIPWAY_HOME", "/srv/slipway",
                "SLIPWAY_INGESTION_PORT", "9081", "SLIPWAY_KAFKA_PORT", "19092", "SLIPWAY_REPOSITORIES", "/etc/r.yml"));

        assertThat(s.home()).isEqualTo(Path.of("/srv/slipway"));
        assertThat(s.servicePorts()).containsEntry("ingestion", 9081).containsEntry("history", 8080);
        assertThat(s.kafkaPort()).isEqualTo(19092);
        assertThat(s.repositoriesFile()).isEqualTo(Path.of("/etc/r.yml"));
    }

    @Test
    void aPortThatIsNotANumberIsRefusedByName() {
        // A typo in a port must not start the platform on a surprise port.
        assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("SLIPWAY_HISTORY_PORT", "80a")))
                .hasMessage("SLIPWAY_HISTORY_PORT must be a port number from 1 to 65535, was '80a'");
        assertThatThrownBy(() -> StandaloneSettings.fromEnvironment(Map.of("SLIPWAY_POSTGRES_PORT", "70000")))
                .hasMessageContaining("SLIPWAY_POSTGRES_PORT");
    }
}
