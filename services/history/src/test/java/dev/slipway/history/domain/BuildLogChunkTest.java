package dev.slipway.history.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class BuildLogChunkTest {

    @Test
    void replacesNulCharactersThatPostgresqlCannotStore() {
        // A NUL byte in build output must not make the chunk unstorable.
        BuildLogChunk chunk = new BuildLogChunk(UUID.randomUUID(), 0, "build", List.of("a\0b", "plain"));

        assertThat(chunk.lines()).containsExactly("a\uFFFDb", "plain");
    }

    @Test
    void readsMissingLinesAsEmpty() {
        // A null line or null list is stored as empty rather than failing the consumer.
        BuildLogChunk chunk = new BuildLogChunk(UUID.randomUUID(), 3, "build", Arrays.asList("x", null));

        assertThat(chunk.lines()).containsExactly("x", "");
        assertThat(new BuildLogChunk(UUID.randomUUID(), 0, "build", null).lines()).isEmpty();
    }
}
