package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.testing.BuiltImages;
import dev.slipway.testkit.docker.DockerEngine;
import dev.slipway.testkit.docker.RequiresDocker;
import dev.slipway.testkit.git.LocalGitRepository;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class DockerBuildBackendTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final UUID buildId = UUID.randomUUID();
    private final String nonce = UUID.randomUUID().toString();
    private final String tag = "slipway/backend-test-" + nonce.substring(0, 8) + ":1";
    private DockerBuildBackend backend;
    private BuiltImages images;
    private LocalGitRepository repository;

    @AfterEach
    void removeWhatTheTestMade() throws Exception {
        if (images != null) {
            images.layersIn(lines);
            images.removeAll();
        }
        if (repository != null) {
            repository.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ImageBuilder.class)
    @RequiresDocker
    void buildsATwoStageDockerfileFromARepositoryIntoALabelledImage(ImageBuilder builder, DockerClient docker) throws Exception {
        // Verifies a real two-stage build from a git work tree: the image exists with its tag and labels,
        // the runtime stage holds the builder's output, .git stayed out of the context, and the output came through.
        repository = LocalGitRepository.create();
        repository.writeFile("Dockerfile", """
                FROM busybox:latest AS builder
                COPY . /src
                RUN test ! -e /src/.git && echo "context has no .git" && echo "built %s" > /artifact.txt && cat /artifact.txt
                FROM busybox:latest
                COPY --from=builder /artifact.txt /artifact.txt
                """.formatted(nonce));
        repository.writeFile("README.md", "a repository to build\n");
        String commit = repository.commit("two stages");
        start(builder);

        ImageBuildResult result = backend.buildImage(request(BuildContext.directory(repository.directory()),
                Map.of(BuildBackend.COMMIT_LABEL, commit, BuildBackend.STEP_LABEL, "build")), lines::add);

        assertThat(result).isInstanceOf(ImageBuildResult.Built.class);
        String imageId = ((ImageBuildResult.Built) result).imageId();
        images.image(imageId);
        assertThat(imageId).startsWith("sha256:");
        InspectImageResponse image = docker.inspectImageCmd(imageId).exec();
        assertThat(image.getRepoTags()).contains(tag);
        assertThat(image.getConfig().getLabels()).containsAllEntriesOf(Map.of(
                BuildBackend.BUILD_LABEL, buildId.toString(),
                BuildBackend.COMMIT_LABEL, commit,
                BuildBackend.STEP_LABEL, "build"));
        assertThat(fileInImage(docker, imageId, "/artifact.txt")).isEqualTo("built " + nonce + "\n");
        assertThat(lines).noneMatch(line -> line.endsWith("\n"));
        if (builder == ImageBuilder.CLASSIC) {
            // The labels come in one LABEL instruction after the Dockerfile's own five.
            assertThat(lines).contains("context has no .git", "built " + nonce);
            assertThat(lines).filteredOn(line -> line.matches("Step \\d+/\\d+ : LABEL .*")).hasSize(1)
                    .allMatch(line -> line.startsWith("Step 6/6 : LABEL "));
            assertThat(lines).anyMatch(line -> line.matches("Step 1/\\d+ : FROM busybox:latest AS builder"))
                    .anyMatch(line -> line.matches("Step 4/\\d+ : FROM busybox:latest"));
        } else {
            // BuildKit's steps, numbered, with the RUN's output under its number and no LABEL instruction.
            String run = lines.stream().filter(line -> line.matches("#\\d+ \\[builder 3/3] RUN test ! -e /src/\\.git .*"))
                    .findFirst().orElseThrow(() -> new AssertionError("no RUN step in " + lines));
            String number = run.substring(0, run.indexOf(' '));
            assertThat(lines).contains(number + " context has no .git", number + " built " + nonce)
                    .anyMatch(line -> line.matches(number + " DONE \\d+\\.\\ds"))
                    .anyMatch(line -> line.matches("#\\d+ \\[stage-1 2/2] COPY --from=builder /artifact.txt /artifact.txt"))
                    .noneMatch(line -> line.contains("LABEL"));
        }
    }

    @ParameterizedTest
    @EnumSource(ImageBuilder.class)
    @RequiresDocker
    void sendsWhatTheDockerignoreKeepsAndLabelsTheTargetStage(ImageBuilder builder, DockerClient docker) throws Exception {
        // Verifies on the real engine: ignored files never reach a COPY, the labelled Dockerfile copy and the
        // .dockerignore stay out of the image, and a build with a target labels the target stage's image.
        repository = LocalGitRepository.create();
        repository.writeFile("Dockerfile", """
                FROM busybox:latest AS builder
                COPY . /src
                RUN ls -A /src | sort > /listing.txt
                FROM busybox:latest AS runtime
                COPY --from=builder /listing.txt /listing.txt
                FROM busybox:latest
                RUN echo "the last stage was built" && false
                """);
        repository.writeFile(".dockerignore", "*.log\nsecrets\n.dockerignore\n");
        repository.writeFile("README.md", "kept\n");
        repository.writeFile("build.log", "left out\n");
        repository.writeFile("secrets/key.pem", "left out\n");
        String commit = repository.commit("ignores");
        start(builder);

        ImageBuildResult result = backend.buildImage(new ImageBuildRequest(buildId,
                BuildContext.directory(repository.directory()), "Dockerfile", List.of(tag),
                Map.of(BuildBackend.COMMIT_LABEL, commit, BuildBackend.STEP_LABEL, "build app"), "runtime", Map.of(),
                List.of()), lines::add);

        assertThat(result).as(String.join("\n", lines)).isInstanceOf(ImageBuildResult.Built.class);
        String imageId = ((ImageBuildResult.Built) result).imageId();
        images.image(imageId);
        assertThat(fileInImage(docker, imageId, "/listing.txt")).isEqualTo("Dockerfile\nREADME.md\n");
        assertThat(docker.inspectImageCmd(imageId).exec().getConfig().getLabels()).containsAllEntriesOf(Map.of(
                BuildBackend.BUILD_LABEL, buildId.toString(),
                BuildBackend.COMMIT_LABEL, commit,
                BuildBackend.STEP_LABEL, "build app"));
        assertThat(lines).noneMatch(line -> line.contains("the last stage was built"))
                .filteredOn(line -> line.matches("Step \\d+/\\d+ : LABEL .*"))
                .hasSize(builder == ImageBuilder.CLASSIC ? 1 : 0);
    }

    @ParameterizedTest
    @EnumSource(ImageBuilder.class)
    @RequiresDocker
    void buildsAContextWhoseFirstEntryHasANameOfOverAHundredCharacters(ImageBuilder builder, DockerClient docker)
            throws Exception {
        // Verifies on the real engine a context whose one top-level entry, walked first, needs an extended tar
        // header for its long name: BuildKit still takes the upload for a context, not for a Dockerfile. The
        // context's own directory is private (0700), and the entry that carries it for BuildKit changes no mode
        // in the image.
        String longName = "service-" + "a".repeat(112);
        repository = LocalGitRepository.create();
        repository.writeFile(longName + "/Dockerfile", """
                FROM busybox:latest
                COPY . /src
                RUN ls /src > /listing.txt && stat -c %a /src /src/* >> /listing.txt
                """);
        repository.writeFile(longName + "/app.txt", "app\n");
        repository.commit("a long directory name");
        Files.setPosixFilePermissions(repository.directory(), PosixFilePermissions.fromString("rwx------"));
        start(builder);

        ImageBuildResult result = backend.buildImage(new ImageBuildRequest(buildId,
                BuildContext.directory(repository.directory()), longName + "/Dockerfile", List.of(tag), Map.of(), null,
                Map.of(), List.of()), lines::add);

        assertThat(result).as(String.join("\n", lines)).isInstanceOf(ImageBuildResult.Built.class);
        String imageId = ((ImageBuildResult.Built) result).imageId();
        images.image(imageId);
        assertThat(fileInImage(docker, imageId, "/listing.txt")).isEqualTo(longName + "\n755\n755\n");
    }

    @ParameterizedTest
    @EnumSource(ImageBuilder.class)
    @RequiresDocker
    void returnsAFailedInstructionAsAResultWithTheEnginesMessage(ImageBuilder builder) throws Exception {
        // Verifies the errorDetail trap on the real engine: a RUN that exits 3 is a failed result, not an exception.
        repository = LocalGitRepository.create();
        repository.writeFile("Dockerfile", """
                FROM busybox:latest
                RUN echo "about to fail %s" && exit 3
                """.formatted(nonce));
        repository.commit("fails");
        start(builder);

        ImageBuildResult result = backend.buildImage(request(BuildContext.directory(repository.directory()), Map.of()),
                lines::add);

        assertThat(result).isInstanceOf(ImageBuildResult.Failed.class);
        ImageBuildResult.Failed failed = (ImageBuildResult.Failed) result;
        assertThat(failed.message()).contains(builder == ImageBuilder.CLASSIC ? "returned a non-zero code: 3"
                : "exit code: 3");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(lines).anyMatch(line -> line.matches("(#\\d+ )?about to fail " + nonce))
                .last().isEqualTo(failed.message());
        if (builder == ImageBuilder.BUILDKIT) {
            assertThat(lines).anyMatch(line -> line.matches("#\\d+ ERROR: .*exit code: 3"));
        }
    }

    @ParameterizedTest
    @EnumSource(ImageBuilder.class)
    @RequiresDocker
    void returnsAnUnparsableDockerfileAsAFailedResult(ImageBuilder builder) throws Exception {
        // Verifies that a Dockerfile the engine refuses outright (HTTP 400) is the build's failure, in the engine's words.
        repository = LocalGitRepository.create();
        repository.writeFile("Dockerfile", "FROM busybox:latest\nFOOBAR x\n");
        repository.commit("cannot parse");
        start(builder);

        ImageBuildResult result = backend.buildImage(request(BuildContext.directory(repository.directory()), Map.of()),
                lines::add);

        assertThat(result).isEqualTo(
                new ImageBuildResult.Failed("dockerfile parse error line 2: unknown instruction: FOOBAR", null));
    }

    @Test
    @RequiresDocker
    void destroyRemovesTheBuildsContainersAndCanBeRepeated(DockerClient docker) {
        // Verifies destroy: a container labelled with the build is removed, and a second call changes nothing.
        start();
        String container = docker.createContainerCmd("busybox:latest").withCmd("true")
                .withLabels(Map.of(BuildBackend.BUILD_LABEL, buildId.toString())).exec().getId();
        String bystander = docker.createContainerCmd("busybox:latest").withCmd("true")
                .withLabels(Map.of(BuildBackend.BUILD_LABEL, UUID.randomUUID().toString())).exec().getId();
        try {
            backend.destroy(buildId);
            backend.destroy(buildId);

            assertThatThrownBy(() -> docker.inspectContainerCmd(container).exec()).isInstanceOf(NotFoundException.class);
            assertThat(docker.inspectContainerCmd(bystander).exec().getId()).isEqualTo(bystander);
        } finally {
            docker.removeContainerCmd(bystander).withForce(true).exec();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tcp://127.0.0.1:1", "unix:///tmp/no-such-docker-engine.sock"})
    void saysSoWhenNoEngineAnswersAndTreatsABuildThenAsABackendFault(String host) {
        // Verifies the no-engine case: not available, a description that says where it looked, and a fault on build.
        backend = new DockerBuildBackend(DockerProperties.defaults(host), NetworkProperties.defaults());

        assertThat(backend.isAvailable()).isFalse();
        assertThat(backend.describe()).startsWith("no Docker engine answers at " + host + " (");
        assertThatThrownBy(() -> backend.buildImage(request(BuildContext.tar(InputStream::nullInputStream), Map.of()),
                lines::add))
                .isInstanceOf(BuildBackendException.class)
                .hasMessageContaining(host);
    }

    private void start() {
        start(ImageBuilder.BUILDKIT);
    }

    private void start(ImageBuilder builder) {
        backend = new DockerBuildBackend(DockerProperties.defaults(null).withBuilder(builder),
                NetworkProperties.defaults());
        images = new BuiltImages(DockerEngine.client());
        assertThat(backend.isAvailable()).as(backend.describe()).isTrue();
        assertThat(backend.describe()).startsWith("Docker ");
    }

    private ImageBuildRequest request(BuildContext context, Map<String, String> labels) {
        return new ImageBuildRequest(buildId, context, "Dockerfile", List.of(tag), labels, null, Map.of(), List.of());
    }

    private static String fileInImage(DockerClient docker, String imageId, String path) throws Exception {
        String container = docker.createContainerCmd(imageId).withCmd("true").exec().getId();
        try (InputStream archive = docker.copyArchiveFromContainerCmd(container, path).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            assertThat(tar.getNextEntry()).as("an entry for " + path).isNotNull();
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            docker.removeContainerCmd(container).withForce(true).exec();
        }
    }
}
