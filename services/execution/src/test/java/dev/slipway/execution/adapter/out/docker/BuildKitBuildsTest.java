package dev.slipway.execution.adapter.out.docker;

import static dev.slipway.execution.adapter.out.docker.BuildKitTraceTest.at;
import static dev.slipway.execution.adapter.out.docker.BuildKitTraceTest.log;
import static dev.slipway.execution.adapter.out.docker.BuildKitTraceTest.response;
import static dev.slipway.execution.adapter.out.docker.BuildKitTraceTest.vertex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.slipway.execution.application.port.out.BuildContext;
import dev.slipway.execution.application.port.out.ImageBuildRequest;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BuildKitBuildsTest {

    /** The mapper docker-java itself reads the engine's stream with, as the backend does. */
    private static final ObjectMapper JSON = DefaultDockerClientConfig.createDefaultConfigBuilder().build()
            .getObjectMapper();
    private static final String RUN = "sha256:7b7087d26c9e9a7add8fc63d8603e674710279a2f463e4ae9bf8708dad0522c2";
    private static final String IMAGE_ID = "sha256:7ebb99c9629eaf2b7b11c8df357cefc47481171efa4143584cee84f073f6e9f2";

    private final List<String> lines = new ArrayList<>();
    private final BuildStreamReader reader = new BuildStreamReader(lines::add);

    @Test
    void asksForBuildKitWithTheTagsTargetLabelsArgumentsAndCacheImages() {
        // Verifies the request's query: version 2, every tag, the target, labels and arguments as JSON objects with
        // the inline cache asked for, and cache_from as a JSON array, all URL-encoded.
        ImageBuildRequest request = new ImageBuildRequest(UUID.randomUUID(), BuildContext.tar(InputStream::nullInputStream),
                "build/Dockerfile", List.of("slipway/acme-app:1", "slipway/acme-app:latest"), Map.of(), "runtime",
                Map.of("VERSION", "1.4 & up"), List.of("slipway/acme-app:0"));
        ContextArchive.Prepared context = new ContextArchive.Prepared(InputStream.nullInputStream(), "build/Dockerfile",
                "runtime", Map.of("dev.slipway.step", "build app"));

        Map<String, List<String>> query = query(BuildKitBuilds.path(request, context, JSON));

        assertThat(query).containsEntry("version", List.of("2"))
                .containsEntry("dockerfile", List.of("build/Dockerfile"))
                .containsEntry("t", List.of("slipway/acme-app:1", "slipway/acme-app:latest"))
                .containsEntry("target", List.of("runtime"))
                .containsEntry("labels", List.of("{\"dev.slipway.step\":\"build app\"}"))
                .containsEntry("buildargs", List.of("{\"VERSION\":\"1.4 & up\",\"BUILDKIT_INLINE_CACHE\":\"1\"}"))
                .containsEntry("cachefrom", List.of("[\"slipway/acme-app:0\"]"))
                .doesNotContainKey("pull");
    }

    @Test
    void leavesOutWhatABuildDoesNotHaveAndKeepsTheBuildsOwnInlineCacheArgument() {
        // Verifies a bare request: no tags, target, labels or cache images; a BUILDKIT_INLINE_CACHE of its own wins.
        ImageBuildRequest request = new ImageBuildRequest(UUID.randomUUID(), BuildContext.tar(InputStream::nullInputStream),
                "Dockerfile", List.of(), Map.of(), null, Map.of("BUILDKIT_INLINE_CACHE", "0"), List.of());
        ContextArchive.Prepared context = new ContextArchive.Prepared(InputStream.nullInputStream(), "Dockerfile", null,
                Map.of());

        Map<String, List<String>> query = query(BuildKitBuilds.path(request, context, JSON));

        assertThat(query).containsOnlyKeys("version", "dockerfile", "buildargs")
                .containsEntry("buildargs", List.of("{\"BUILDKIT_INLINE_CACHE\":\"0\"}"));
    }

    @Test
    void readsProgressTheImageIdAndTagsFromTheEnginesAnswer() throws Exception {
        // Verifies a successful build's stream as dockerd 20.10 sends it: trace items become numbered lines, the
        // moby.image.id item is the image, and the tags' lines come through.
        String stream = trace(response(vertex(RUN, "[2/2] RUN make", false, at(1_785_000_000L, 0), null, null),
                log(RUN, "built it\n")))
                + trace(response(vertex(RUN, "[2/2] RUN make", false, at(1_785_000_000L, 0),
                at(1_785_000_001L, 500_000_000), null)))
                + "{\"id\":\"moby.image.id\",\"aux\":{\"ID\":\"" + IMAGE_ID + "\"}}\r\n"
                + "{\"stream\":\"Successfully tagged slipway/acme-app:1\\n\"}\r\n";

        BuildKitBuilds.read(body(stream), reader, JSON);

        assertThat(reader.finish()).isEqualTo(new ImageBuildResult.Built(IMAGE_ID));
        assertThat(lines).containsExactly("#1 [2/2] RUN make", "#1 built it", "#1 DONE 1.5s",
                "Successfully tagged slipway/acme-app:1");
    }

    @Test
    void readsAFailedInstructionWithItsExitCodeAndTheDockerfilesOwnWords() throws Exception {
        // Verifies failures as BuildKit words them: a RUN's exit code, and a parse error without the frontend's
        // wrapping; the error is the last line, after the step's own output.
        String failedRun = trace(response(vertex(RUN, "[2/2] RUN make", false, at(1_785_000_000L, 0), null, null),
                log(RUN, "cc: no input files")))
                + "{\"errorDetail\":{\"message\":\"executor failed running [/bin/sh -c make]: exit code: 2\"},"
                + "\"error\":\"executor failed running [/bin/sh -c make]: exit code: 2\"}\r\n";

        BuildKitBuilds.read(body(failedRun), reader, JSON);

        assertThat(reader.finish()).isEqualTo(
                new ImageBuildResult.Failed("executor failed running [/bin/sh -c make]: exit code: 2", 2));
        assertThat(lines).containsExactly("#1 [2/2] RUN make", "#1 cc: no input files",
                "executor failed running [/bin/sh -c make]: exit code: 2");

        BuildStreamReader parse = new BuildStreamReader(line -> { });
        BuildKitBuilds.read(body("{\"errorDetail\":{\"message\":\"failed to solve with frontend dockerfile.v0: "
                + "failed to create LLB definition: dockerfile parse error line 2: unknown instruction: FOOBAR\"}}\r\n"),
                parse, JSON);
        assertThat(parse.finish()).isEqualTo(
                new ImageBuildResult.Failed("dockerfile parse error line 2: unknown instruction: FOOBAR", null));
    }

    @Test
    void saysOnceThatProgressItCannotReadWasLeftOut() throws Exception {
        // Verifies malformed progress: not base64, or not a message, is said once and does not end the build.
        String stream = "{\"id\":\"moby.buildkit.trace\",\"aux\":\"%%% not base64\"}\r\n"
                + trace(new byte[] {0x0a, 0x10})
                + "{\"id\":\"moby.image.id\",\"aux\":{\"ID\":\"" + IMAGE_ID + "\"}}\r\n";

        BuildKitBuilds.read(body(stream), reader, JSON);

        assertThat(reader.finish()).isEqualTo(new ImageBuildResult.Built(IMAGE_ID));
        assertThat(lines).hasSize(1).first().asString()
                .startsWith("(some of the engine's build progress could not be read: ");
    }

    private static String trace(byte[] statusResponse) {
        return "{\"id\":\"moby.buildkit.trace\",\"aux\":\"" + Base64.getEncoder().encodeToString(statusResponse)
                + "\"}\r\n";
    }

    private static InputStream body(String stream) {
        return new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> query(String path) {
        assertThat(path).startsWith("/build?");
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (String pair : path.substring("/build?".length()).split("&")) {
            String[] parts = pair.split("=", 2);
            query.computeIfAbsent(parts[0], key -> new ArrayList<>())
                    .add(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
