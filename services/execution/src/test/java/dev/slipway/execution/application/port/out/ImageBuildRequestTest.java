package dev.slipway.execution.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageBuildRequestTest {

    @TempDir
    Path context;

    @ParameterizedTest
    @ValueSource(strings = {"../Dockerfile", "docker/../../Dockerfile", "/etc/Dockerfile", " ", "."})
    void refusesADockerfileOutsideTheContext(String dockerfile) {
        // Verifies that a Dockerfile path that leaves the build context is refused before anything runs.
        assertThatThrownBy(() -> request(dockerfile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the build context");
    }

    @Test
    void acceptsADockerfileInsideTheContextInItsPlainForm() {
        // Verifies that a roundabout but contained path is accepted, normalised.
        assertThat(request("./docker/../Dockerfile").dockerfile()).isEqualTo("Dockerfile");
        assertThat(request("build/Dockerfile.release").dockerfile()).isEqualTo("build/Dockerfile.release");
    }

    private ImageBuildRequest request(String dockerfile) {
        return new ImageBuildRequest(UUID.randomUUID(), BuildContext.directory(context), dockerfile,
                List.of("slipway/acme-app:1"), Map.of(), null, Map.of(), List.of());
    }
}
