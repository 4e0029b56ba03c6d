package dev.slipway.execution.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.pipeline.plan.BuildPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check of images' contexts and Dockerfiles against the checked-out repository, on real files. */
class RepositoryPathsTest {

    @TempDir
    Path temp;
    private Path repository;

    @BeforeEach
    void repository() throws IOException {
        repository = Files.createDirectories(temp.resolve("repo"));
        Files.writeString(repository.resolve("Dockerfile"), "FROM busybox\n");
        Files.createDirectories(repository.resolve("services/api/docker"));
        Files.writeString(repository.resolve("services/api/docker/Dockerfile.prod"), "FROM busybox\n");
        Files.createDirectories(temp.resolve("outside"));
        Files.writeString(temp.resolve("outside/Dockerfile"), "FROM busybox\n");
    }

    @Test
    void allowsAContextAndDockerfileInsideTheRepository() {
        // Verifies the ordinary cases: the root, and a nested context with its Dockerfile under it.
        assertThat(RepositoryPaths.check(repository, image(".", "Dockerfile")))
                .isEqualTo(new RepositoryPaths.Allowed(real(repository), "Dockerfile"));
        assertThat(RepositoryPaths.check(repository, image("services/api", "docker/Dockerfile.prod")))
                .isEqualTo(new RepositoryPaths.Allowed(real(repository.resolve("services/api")),
                        "docker/Dockerfile.prod"));
        assertThat(RepositoryPaths.check(repository, image("services/api/../api", "./docker/../docker/Dockerfile.prod")))
                .isEqualTo(new RepositoryPaths.Allowed(real(repository.resolve("services/api")),
                        "docker/Dockerfile.prod"));
    }

    @Test
    void refusesContextsThatLeaveTheRepositoryByDotDotOrAbsolutePath() {
        // Verifies the lexical checks, after normalizing: ../, a/../../, and an absolute path.
        for (String context : List.of("..", "../outside", "services/../../outside", temp.resolve("outside").toString())) {
            assertThat(RepositoryPaths.check(repository, image(context, "Dockerfile"))).as(context)
                    .isEqualTo(new RepositoryPaths.Refused("image app: its context '" + context
                            + "' leaves the repository"));
        }
    }

    @Test
    void refusesADockerfileThatLeavesTheRepositoryOrItsContext() {
        // Verifies the Dockerfile: outside the repository, and inside it but outside the context the engine receives.
        assertThat(RepositoryPaths.check(repository, image(".", "../outside/Dockerfile"))).isEqualTo(
                new RepositoryPaths.Refused("image app: its Dockerfile '../outside/Dockerfile' leaves the repository"));
        assertThat(RepositoryPaths.check(repository, image("services/api", "../../Dockerfile"))).isEqualTo(
                new RepositoryPaths.Refused("image app: its Dockerfile '../../Dockerfile' is outside its context "
                        + "'services/api', and the engine receives only the context"));
    }

    @Test
    void refusesSymbolicLinksThatLeadOutOfTheRepository() throws IOException {
        // Verifies links: a context that links outside, and a Dockerfile that links outside, are both refused.
        Files.createSymbolicLink(repository.resolve("linked"), temp.resolve("outside"));
        Files.createSymbolicLink(repository.resolve("Dockerfile.link"), temp.resolve("outside/Dockerfile"));

        assertThat(RepositoryPaths.check(repository, image("linked", "Dockerfile"))).isEqualTo(
                new RepositoryPaths.Refused("image app: its context 'linked' is a symbolic link that leaves the "
                        + "repository"));
        assertThat(RepositoryPaths.check(repository, image(".", "Dockerfile.link"))).isEqualTo(
                new RepositoryPaths.Refused("image app: its Dockerfile 'Dockerfile.link' is a symbolic link that "
                        + "leaves the repository"));
    }

    @Test
    void allowsSymbolicLinksThatStayInside() throws IOException {
        // Verifies that a link within the repository is fine: a context linked to a directory of the repository.
        Files.createSymbolicLink(repository.resolve("api"), repository.resolve("services/api"));

        assertThat(RepositoryPaths.check(repository, image("api", "docker/Dockerfile.prod"))).isEqualTo(
                new RepositoryPaths.Allowed(real(repository.resolve("services/api")), "docker/Dockerfile.prod"));
    }

    @Test
    void refusesAMissingContextOrDockerfileSayingWhichPath() {
        // Verifies the messages for what the repository does not have at the build's commit.
        assertThat(RepositoryPaths.check(repository, image("web", "Dockerfile"))).isEqualTo(
                new RepositoryPaths.Refused("image app: its context 'web' is not a directory of the repository"));
        assertThat(RepositoryPaths.check(repository, image("services", "Dockerfile"))).isEqualTo(
                new RepositoryPaths.Refused("image app: there is no Dockerfile at 'services/Dockerfile' in the "
                        + "repository"));
    }

    private static BuildPlan.PlanImage image(String context, String dockerfile) {
        return new BuildPlan.PlanImage("app", "app", context, dockerfile, Optional.empty(), List.of(), List.of());
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
