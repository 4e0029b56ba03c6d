package dev.slipway.pipeline.format.codeship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.lint.Problem;
import dev.slipway.pipeline.source.Location;
import dev.slipway.pipeline.source.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PushDestinationTest {

    private final List<Problem> problems = new ArrayList<>();

    private String destination(String imageName, String registry) {
        Location at = Location.startOf("codeship-steps.yml");
        return PushDestination.of(new Node.Scalar(at, imageName, false),
                Optional.ofNullable(registry).map(r -> new Node.Scalar(at, r, false)), problems::add);
    }

    @Test
    void anImageNameWithoutRegistryIsPushedAsWritten() {
        // With no registry, Docker Hub is meant, and the name stays as the user wrote it.
        assertThat(destination("titpetric/sonyflake", null)).isEqualTo("titpetric/sonyflake");
        assertThat(problems).isEmpty();
    }

    @Test
    void docker_hubsIndexUrlIsTheSameAsNoRegistry() {
        // Codeship's docs wrote Docker Hub as https://index.docker.io/v1/; that is not a mismatch.
        assertThat(destination("acme/app", "https://index.docker.io/v1/")).isEqualTo("acme/app");
        assertThat(problems).isEmpty();
    }

    @Test
    void aRegistryWithAMatchingImageNameHostIsQuiet() {
        // quay.io/acme/app on quay.io is what Codeship's docs asked for.
        assertThat(destination("quay.io/acme/app", "https://quay.io")).isEqualTo("quay.io/acme/app");
        assertThat(problems).isEmpty();
    }

    @Test
    void aRegistryWithAHostlessImageNamePushesToTheRegistryAndWarns() {
        // Codeship would have pushed to Docker Hub here; Slipway does what `registry` says and explains.
        assertThat(destination("acme/app", "quay.io")).isEqualTo("quay.io/acme/app");
        assertThat(problems).extracting(Problem::code).containsExactly("codeship.registry-mismatch");
    }

    @Test
    void aTagInImageNameIsDroppedWithAnError() {
        // image_name is a repository; tags belong in image_tag.
        assertThat(destination("acme/app:latest", null)).isEqualTo("acme/app");
        assertThat(problems).extracting(Problem::code).containsExactly("value.invalid");
    }

    @Test
    void aRegistryPortIsAHostAndNotATag() {
        // localhost:5000/app names a registry with a port, which is not a tag.
        assertThat(destination("localhost:5000/acme/app", "localhost:5000")).isEqualTo("localhost:5000/acme/app");
        assertThat(problems).isEmpty();
    }
}
