package dev.slipway.testkit.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import org.junit.jupiter.api.Test;

@RequiresDocker
class DockerEngineTest {

    @Test
    void injectsAClientThatTalksToTheEngine(DockerClient docker) {
        // Verifies that the injected client reaches the engine that the probe found.
        Info info = docker.infoCmd().exec();
        assertThat(info.getServerVersion()).isNotBlank();
        assertThat(DockerEngine.status().description()).contains(info.getServerVersion());
        assertThat(docker).isSameAs(DockerEngine.client());
    }

    @Test
    void keepsTheClientUsableForLongerThanTheProbeTimeout(DockerClient docker) {
        // Verifies that the shared client lists images, the kind of call the probe's short-lived client never makes.
        assertThat(docker.listImagesCmd().withShowAll(true).exec()).isNotNull();
        assertThat(DockerEngine.status().answers()).isTrue();
    }
}
