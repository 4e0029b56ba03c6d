package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.PruneType;
import dev.slipway.execution.application.port.out.BuildBackend;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.BuildResources;
import dev.slipway.execution.application.port.out.ContainerHandle;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import dev.slipway.execution.application.port.out.PushRequest;
import dev.slipway.execution.application.port.out.PushResult;
import dev.slipway.execution.application.port.out.RegistryAuth;
import dev.slipway.execution.application.port.out.StepExit;
import dev.slipway.execution.testing.BuiltImages;
import dev.slipway.testkit.docker.DockerEngine;
import dev.slipway.testkit.docker.LocalRegistry;
import dev.slipway.testkit.docker.RequiresDocker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@RequiresDocker
class DockerStepsAndPushesTest {

    @RegisterExtension
    static final LocalRegistry registry = new LocalRegistry();

    private static final String DOCKERFILE = """
            FROM busybox:latest AS builder
            ARG VERSION
            RUN mkdir -p /out && echo "app $VERSION %s" > /out/app.txt
            FROM busybox:latest
            COPY --from=builder /out/app.txt /app.txt
            """;

    @TempDir
    Path temp;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final String nonce = UUID.randomUUID().toString();
    private final String commit = HexFormat.of().formatHex(randomBytes(20));
    private EngineBuilds engine;
    private BuiltImages images;
    private UUID build;
    private Path repository;

    @BeforeEach
    void startTheBuild() throws Exception {
        engine = new EngineBuilds();
        images = new BuiltImages(engine.docker);
        build = engine.newBuild();
        repository = EngineBuilds.workspace(temp, "Dockerfile", DOCKERFILE.formatted(nonce));
    }

    @AfterEach
    void removeWhatTheTestMade() throws Exception {
        images.layersIn(lines);
        images.removeAll();
        engine.close();
    }

    @Test
    void runsStepsInTheBuilderStageAndPushesTheRuntimeImageUnderBothTags() throws Exception {
        // Verifies the builder pattern end to end: a two-stage build, steps in the builder stage (exit 0 and exit 3
        // as results), and a push of the runtime image as :<commit> and :latest whose registry digests are the
        // pushed digest and whose config has the build's labels.
        BuildResources resources = engine.setup(build, repository);
        String builder = built(build("builder", "builder"));
        String runtime = built(build(null, "image"));

        assertThat(runStep(resources, builder, "test -f /out/app.txt && cat /out/app.txt"))
                .isEqualTo(new StepExit.Exited(0, false));
        assertThat(lines).contains("app 1.4.2 " + nonce);
        assertThat(runStep(resources, builder, "test -f /workspace/Dockerfile && exit 3"))
                .isEqualTo(new StepExit.Exited(3, false));
        assertThat(runStep(resources, runtime, "test ! -e /out/app.txt && test -f /app.txt"))
                .isEqualTo(new StepExit.Exited(0, false));

        PushResult result = engine.backend.pushImage(push(runtime, List.of(commit, "latest"), LocalRegistry.PASSWORD),
                lines::add);

        assertThat(result).isInstanceOf(PushResult.Pushed.class);
        String digest = ((PushResult.Pushed) result).digest();
        assertThat(digest).startsWith("sha256:");
        assertThat(registry.manifestDigest("team/app", commit)).contains(digest);
        assertThat(registry.manifestDigest("team/app", "latest")).contains(digest);
        assertThat(registry.configDigest("team/app", "latest")).isEqualTo(runtime);
        assertThat(registry.imageLabels("team/app", commit)).containsAllEntriesOf(Map.of(
                BuildBackend.BUILD_LABEL, build.toString(),
                BuildBackend.COMMIT_LABEL, commit,
                BuildBackend.STEP_LABEL, "image"));
        assertThat(lines).anyMatch(line -> line.startsWith("The push refers to repository [" + registry.address()));
    }

    @Test
    void pushesTheImageItWasGivenEvenWhenAnotherImageHasTheName() throws Exception {
        // Verifies that a push is by image id: another image of the build already tagged as the destination is not
        // what reaches the registry.
        String builder = built(build("builder", "builder"));
        String runtime = built(build(null, "image"));
        String destination = registry.repository("team/app");
        engine.docker.tagImageCmd(builder, destination, "latest").exec();

        PushResult result = engine.backend.pushImage(push(runtime, List.of("latest"), LocalRegistry.PASSWORD), lines::add);

        assertThat(result).isInstanceOf(PushResult.Pushed.class);
        assertThat(registry.configDigest("team/app", "latest")).isEqualTo(runtime).isNotEqualTo(builder);
        assertThat(registry.manifestDigest("team/app", "latest")).contains(((PushResult.Pushed) result).digest());
        assertThat(engine.docker.inspectImageCmd(destination + ":latest").exec().getId()).isEqualTo(runtime);
    }

    @Test
    void aWrongPasswordIsARefusalThatNamesTheRegistryTheUserAndTheAnswer() throws Exception {
        // Verifies the auth failure as a result: which registry, which user, and the registry's own words.
        String runtime = built(build(null, "image"));

        PushResult result = engine.backend.pushImage(push(runtime, List.of("latest"), "not-the-password"), lines::add);

        assertThat(result).isInstanceOf(PushResult.Refused.class);
        PushResult.Refused refused = (PushResult.Refused) result;
        assertThat(refused.registry()).isEqualTo(registry.address());
        assertThat(refused.user()).isEqualTo(LocalRegistry.USERNAME);
        assertThat(refused.message()).startsWith("unauthorized");
        assertThat(refused.describe()).startsWith("push to " + registry.address() + " as slipway was refused: unauthorized");
        assertThat(registry.manifestDigest("team/app", "latest")).isNotEqualTo(Optional.of(runtime));
    }

    @Test
    void aPushWithoutCredentialsToARegistryThatWantsThemIsARefusal() throws Exception {
        // Verifies that without a login the push is anonymous (never the executor's own docker config) and refused.
        String runtime = built(build(null, "image"));

        PushResult result = engine.backend.pushImage(new PushRequest(build, runtime, registry.repository("team/anon"),
                List.of("1"), Optional.empty()), lines::add);

        assertThat(result).isInstanceOf(PushResult.Refused.class);
        assertThat(((PushResult.Refused) result).user()).isEmpty();
        assertThat(((PushResult.Refused) result).describe()).contains("without credentials");
        assertThat(registry.manifestDigest("team/anon", "1")).isEmpty();
    }

    @Test
    void buildsWithCacheFromAnEarlierImage() throws Exception {
        // Verifies cache_from: a second build of the same Dockerfile, told to reuse the first image, takes the runtime
        // stage's layers from it and ends on the same image, though the engine's build cache was emptied between them.
        String first = built(build(null, "image"));
        lines.clear();
        DockerEngine.client().pruneCmd(PruneType.BUILD).exec();

        ImageBuildResult second = engine.backend.buildImage(new ImageBuildRequest(build, BuildContext.directory(repository),
                "Dockerfile", List.of(), Map.of(BuildBackend.COMMIT_LABEL, commit, BuildBackend.STEP_LABEL, "image"), null,
                Map.of("VERSION", "1.4.2"), List.of(first)), lines::add);

        assertThat(built(second)).isEqualTo(first);
        assertThat(lines).anyMatch(line -> line.matches("#\\d+ CACHED"));
    }

    private ImageBuildResult build(String target, String step) {
        return engine.backend.buildImage(new ImageBuildRequest(build, BuildContext.directory(repository), "Dockerfile",
                List.of(), Map.of(BuildBackend.COMMIT_LABEL, commit, BuildBackend.STEP_LABEL, step), target,
                Map.of("VERSION", "1.4.2"), List.of()), lines::add);
    }

    private String built(ImageBuildResult result) {
        assertThat(result).as(String.join("\n", lines)).isInstanceOf(ImageBuildResult.Built.class);
        String imageId = ((ImageBuildResult.Built) result).imageId();
        images.image(imageId);
        return imageId;
    }

    private StepExit runStep(BuildResources resources, String image, String script) {
        ContainerHandle step = engine.backend.startStep(resources, EngineBuilds.step("test", image, script));
        engine.backend.tailStep(step, lines::add);
        return engine.backend.waitStep(step, Duration.ofSeconds(60));
    }

    private PushRequest push(String imageId, List<String> tags, String password) {
        return new PushRequest(build, imageId, registry.repository("team/app"), tags,
                Optional.of(new RegistryAuth(registry.address(), LocalRegistry.USERNAME, password)));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
