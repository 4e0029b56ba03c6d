package dev.slipway.ingestion.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoredBodyTest {

    @Test
    void jsonIsStoredCompressedAndRestoredByteForByte() {
        byte[] json = "{\"ref\":\"refs/heads/main\",\"commits\":[%s]}".formatted(
                "{\"message\":\"Fix the build\",\"added\":[\"src/App.java\"]},".repeat(40) + "{}")
                .getBytes(StandardCharsets.UTF_8);

        StoredBody stored = StoredBody.of(json);

        assertThat(stored.compression()).isEqualTo(StoredBody.LZ4);
        assertThat(stored.length()).isEqualTo(json.length);
        assertThat(stored.bytes().length).isLessThan(json.length / 4);
        assertThat(StoredBody.restore(stored.bytes(), stored.compression(), stored.length())).isEqualTo(json);
    }

    @Test
    void bytesThatDoNotShrinkAreStoredAsTheyCame() {
        byte[] noise = new byte[2_048];
        new Random(11).nextBytes(noise);

        StoredBody stored = StoredBody.of(noise);

        assertThat(stored.compression()).isNull();
        assertThat(stored.bytes()).isSameAs(noise);
        assertThat(StoredBody.restore(stored.bytes(), null, 0)).isSameAs(noise);
    }

    @Test
    void anEmptyBodyIsStoredAsItCame() {
        StoredBody stored = StoredBody.of(new byte[0]);

        assertThat(stored.compression()).isNull();
        assertThat(stored.length()).isZero();
    }

    @Test
    void restoringRefusesAnUnknownCompressionOrAWrongLength() {
        byte[] json = "{\"zen\":\"Keep it logically awesome.\"}".repeat(20).getBytes(StandardCharsets.UTF_8);
        StoredBody stored = StoredBody.of(json);

        assertThatThrownBy(() -> StoredBody.restore(stored.bytes(), "zstd", json.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown body compression 'zstd'");
        assertThatThrownBy(() -> StoredBody.restore(stored.bytes(), StoredBody.LZ4, json.length + 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not " + (json.length + 5));
        assertThatThrownBy(() -> StoredBody.restore(stored.bytes(), StoredBody.LZ4, json.length - 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an LZ4 block");
    }
}
