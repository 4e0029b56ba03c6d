package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import dev.slipway.execution.application.port.out.BuildBackendException;
import dev.slipway.execution.application.port.out.ImageBuildResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildStreamReaderTest {

    /** The mapper docker-java itself reads the engine's stream with. */
    private static final ObjectMapper JSON = DefaultDockerClientConfig.createDefaultConfigBuilder().build()
            .getObjectMapper();
    private static final String BUILDER_ID = "sha256:e00dad1120d25cef03d665b26e95cf5cd4bf75a2cc6edbeb2be4003c4002eabd";
    private static final String IMAGE_ID = "sha256:7c63cb07acc1c12a6574e3c05c214ba9e692d1163cb1142c3e3935ca0c5cc945";

    private final List<String> lines = new ArrayList<>();
    private final BuildStreamReader reader = new BuildStreamReader(lines::add);

    @Test
    void joinsTheEnginesSplitLinesAndTakesTheLastStagesImage() {
        // Verifies a two-stage build as Docker 20.10 streams it: titles and line ends arrive apart,
        // and each stage reports an aux ID, of which the last one is the image.
        feed("""
                {"stream":"Step 1/4 : FROM busybox:latest AS builder"}
                {"stream":"\\n"}
                {"stream":" ---\\u003e 4712166aa180\\n"}
                {"stream":"Step 2/4 : RUN echo built it"}
                {"stream":"\\n"}
                {"stream":" ---\\u003e Running in be6c2b309cfa\\n"}
                {"stream":"built it\\n"}
                {"aux":{"ID":"%s"}}
                {"stream":"Step 3/4 : FROM busybox:latest"}
                {"stream":"\\n"}
                {"stream":"Step 4/4 : COPY --from=builder /out.txt /out.txt"}
                {"stream":"\\n"}
                {"aux":{"ID":"%s"}}
                {"stream":"Successfully built 7c63cb07acc1\\n"}
                {"stream":"Successfully tagged slipway/acme-app:1\\n"}
                """.formatted(BUILDER_ID, IMAGE_ID));

        ImageBuildResult result = reader.finish();

        assertThat(result).isEqualTo(new ImageBuildResult.Built(IMAGE_ID));
        assertThat(lines).containsExactly(
                "Step 1/4 : FROM busybox:latest AS builder",
                " ---> 4712166aa180",
                "Step 2/4 : RUN echo built it",
                " ---> Running in be6c2b309cfa",
                "built it",
                "Step 3/4 : FROM busybox:latest",
                "Step 4/4 : COPY --from=builder /out.txt /out.txt",
                "Successfully built 7c63cb07acc1",
                "Successfully tagged slipway/acme-app:1");
    }

    @Test
    void reportsAFailedInstructionFromTheErrorDetailOfAStreamThatEndsNormally() {
        // Verifies the trap: a failing RUN arrives only as errorDetail, and is a failed result with
        // the engine's message and the instruction's exit code, not an image and not an exception.
        feed("""
                {"stream":"Step 2/2 : RUN exit 3"}
                {"stream":"\\n"}
                {"stream":" ---\\u003e Running in a4ebe3d3be09\\n"}
                {"stream":"Removing intermediate container a4ebe3d3be09\\n"}
                {"errorDetail":{"code":3,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"}
                """);

        ImageBuildResult result = reader.finish();

        assertThat(result).isEqualTo(
                new ImageBuildResult.Failed("The command '/bin/sh -c exit 3' returned a non-zero code: 3", 3));
        assertThat(lines).endsWith("Removing intermediate container a4ebe3d3be09",
                "The command '/bin/sh -c exit 3' returned a non-zero code: 3");
    }

    @Test
    void prefersTheErrorOverAnEarlierStagesImage() {
        // Verifies that an image id seen before the error (an earlier stage's) does not make a failed build succeed.
        feed("""
                {"aux":{"ID":"%s"}}
                {"errorDetail":{"message":"COPY failed: file not found in build context"},"error":"COPY failed: file not found in build context"}
                """.formatted(BUILDER_ID));

        assertThat(reader.finish())
                .isEqualTo(new ImageBuildResult.Failed("COPY failed: file not found in build context", null));
    }

    @Test
    void takesTheMessageOfABareErrorWithoutDetail() {
        // Verifies that an item with only an error field still fails the build, with its words.
        feed("""
                {"error":"something went wrong in the engine"}
                """);

        assertThat(reader.finish()).isEqualTo(new ImageBuildResult.Failed("something went wrong in the engine", null));
    }

    @Test
    void emitsALastLineThatHadNoLineEnd() {
        // Verifies that output without a final newline is not lost when the stream ends.
        feed("""
                {"stream":"no newline at the end"}
                {"aux":{"ID":"%s"}}
                """.formatted(IMAGE_ID));

        reader.finish();

        assertThat(lines).containsExactly("no newline at the end");
    }

    @Test
    void keepsPullStatusLinesButNotProgressBars() {
        // Verifies that status items become lines, and progress updates do not flood the log.
        feed("""
                {"status":"Pulling from library/busybox","id":"latest"}
                {"status":"Downloading","progressDetail":{"current":1,"total":2},"progress":"[====>  ]","id":"abc"}
                {"status":"Digest: sha256:abc"}
                {"aux":{"ID":"%s"}}
                """.formatted(IMAGE_ID));

        reader.finish();

        assertThat(lines).containsExactly("latest: Pulling from library/busybox", "Digest: sha256:abc");
    }

    @Test
    void fallsBackToTheSuccessLineWhenNoAuxIdCame() {
        // Verifies that an engine which reports the image only in words still yields it.
        feed("""
                {"stream":"Successfully built 7c63cb07acc1\\n"}
                """);

        assertThat(reader.finish()).isEqualTo(new ImageBuildResult.Built("7c63cb07acc1"));
    }

    @Test
    void treatsAStreamWithNeitherImageNorErrorAsABackendFault() {
        // Verifies that a stream which ends without saying how the build went is the backend's fault.
        feed("""
                {"stream":"Step 1/1 : FROM busybox\\n"}
                """);

        assertThatThrownBy(reader::finish)
                .isInstanceOf(BuildBackendException.class)
                .hasMessageContaining("without an image id or an error");
    }

    @Test
    void readsTheEnginesMessageFromARefusal() {
        // Verifies that a build refused with HTTP 400 (an unparsable Dockerfile) becomes a failure in the engine's words.
        ImageBuildResult.Failed failed = BuildStreamReader.refused(
                "Status 400: {\"message\":\"dockerfile parse error line 2: unknown instruction: FOOBAR\"}\n");

        assertThat(failed).isEqualTo(
                new ImageBuildResult.Failed("dockerfile parse error line 2: unknown instruction: FOOBAR", null));
    }

    @Test
    void findsTheExitCodeInTheEnginesWords() {
        // Verifies the exit code is read from a message when the engine gives no code field.
        assertThat(BuildStreamReader.exitCodeIn("The command '/bin/sh -c false' returned a non-zero code: 1"))
                .isEqualTo(1);
        assertThat(BuildStreamReader.exitCodeIn("COPY failed")).isNull();
    }

    private void feed(String items) {
        items.lines().filter(line -> !line.isBlank()).forEach(line -> {
            try {
                reader.accept(JSON.readValue(line, BuildResponseItem.class));
            } catch (Exception e) {
                throw new IllegalArgumentException("not a build response item: " + line, e);
            }
        });
    }
}
