package dev.slipway.execution.adapter.out.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushStreamReaderTest {

    /** The mapper docker-java itself reads the engine's stream with. */
    private static final ObjectMapper JSON = DefaultDockerClientConfig.createDefaultConfigBuilder().build()
            .getObjectMapper();
    private static final String DIGEST = "sha256:5b0e1b3b1a0c5b0e1b3b1a0c5b0e1b3b1a0c5b0e1b3b1a0c5b0e1b3b1a0c5b0e";

    private final List<String> lines = new ArrayList<>();
    private final PushStreamReader reader = new PushStreamReader(lines::add);

    @Test
    void takesTheDigestFromAuxAndShowsStatusesWithoutProgressBars() {
        // Verifies a successful push as Docker 20.10 streams it: layer statuses, progress updates left out, aux digest.
        feed("""
                {"status":"The push refers to repository [127.0.0.1:5000/team/app]"}
                {"status":"Preparing","progressDetail":{},"id":"9c6b5e1c3a51"}
                {"status":"Pushing","progressDetail":{"current":512,"total":2048},"progress":"[====>   ]  512B/2.048kB","id":"9c6b5e1c3a51"}
                {"status":"Pushed","progressDetail":{},"id":"9c6b5e1c3a51"}
                {"status":"latest: digest: %s size: 527"}
                {"progressDetail":{},"aux":{"Tag":"latest","Digest":"%s","Size":527}}
                """.formatted(DIGEST, DIGEST));

        assertThat(reader.refusal()).isEmpty();
        assertThat(reader.digest()).contains(DIGEST);
        assertThat(lines).containsExactly(
                "The push refers to repository [127.0.0.1:5000/team/app]",
                "9c6b5e1c3a51: Preparing",
                "9c6b5e1c3a51: Pushed",
                "latest: digest: " + DIGEST + " size: 527");
    }

    @Test
    void readsARefusalFromTheStreamThatOtherwiseEndsNormally() {
        // Verifies the docker-java trap: a wrong password arrives as errorDetail in a stream that completes normally.
        feed("""
                {"status":"The push refers to repository [127.0.0.1:5000/team/app]"}
                {"status":"Preparing","progressDetail":{},"id":"9c6b5e1c3a51"}
                {"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: authentication required"}
                """);

        assertThat(reader.refusal()).contains("unauthorized: authentication required");
        assertThat(reader.digest()).isEmpty();
        assertThat(lines).last().isEqualTo("unauthorized: authentication required");
    }

    @Test
    void fallsBackToTheDigestInTheClosingLine() {
        // Verifies that an engine that sends no aux still gives the digest it printed.
        feed("""
                {"status":"v1: digest: %s size: 1570"}
                """.formatted(DIGEST));

        assertThat(reader.digest()).contains(DIGEST);
    }

    @Test
    void keepsTheFirstErrorAndTakesABareOne() {
        // Verifies an error without errorDetail, and that a second error does not replace the first.
        feed("""
                {"error":"denied: requested access to the resource is denied"}
                {"error":"something later"}
                """);

        assertThat(reader.refusal()).contains("denied: requested access to the resource is denied");
    }

    private void feed(String jsonLines) {
        jsonLines.lines().forEach(line -> {
            try {
                reader.accept(JSON.readValue(line, PushResponseItem.class));
            } catch (Exception e) {
                throw new AssertionError("bad test item " + line, e);
            }
        });
    }
}
