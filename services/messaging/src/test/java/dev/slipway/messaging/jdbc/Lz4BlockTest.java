package dev.slipway.messaging.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Lz4BlockTest {

    @Test
    void jsonIsStoredCompressedAndRestoredByteForByte() {
        byte[] json = "{\"ref\":\"refs/heads/main\",\"commits\":[%s]}".formatted(
                "{\"message\":\"Fix the build\",\"added\":[\"src/App.java\"]},".repeat(40) + "{}")
                .getBytes(StandardCharsets.UTF_8);

        Lz4Block stored = Lz4Block.of(json);

        assertThat(stored.compression()).isEqualTo(Lz4Block.LZ4);
        assertThat(stored.length()).isEqualTo(json.length);
        assertThat(stored.bytes().length).isLessThan(json.length / 4);
        assertThat(Lz4Block.restore(stored.bytes(), stored.compression(), stored.length())).isEqualTo(json);
    }

    @Test
    void bytesThatDoNotShrinkAreStoredAsTheyCame() {
        byte[] noise = new byte[2_048];
        new Random(11).nextBytes(noise);

        Lz4Block stored = Lz4Block.of(noise);

        assertThat(stored.compression()).isNull();
        assertThat(stored.bytes()).isSameAs(noise);
        assertThat(Lz4Block.restore(stored.bytes(), null, 0)).isSameAs(noise);
    }

    @Test
    void onlyTheFirstBytesOfABufferAreStored() {
        // A caller that packs into a larger buffer stores what it filled, compressed or not.
        byte[] buffer = new byte[4_096];
        byte[] text = "a line of output\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, buffer, 0, text.length);
        byte[] noise = new byte[1_024];
        new Random(7).nextBytes(noise);

        Lz4Block compressed = Lz4Block.of(buffer, text.length);
        Lz4Block asItIs = Lz4Block.of(noise, 1_000);

        assertThat(Lz4Block.restore(compressed.bytes(), compressed.compression(), compressed.length())).isEqualTo(text);
        assertThat(asItIs.compression()).isNull();
        assertThat(asItIs.bytes()).isEqualTo(java.util.Arrays.copyOf(noise, 1_000));
    }

    @Test
    void anEmptyBodyIsStoredAsItCame() {
        Lz4Block stored = Lz4Block.of(new byte[0]);

        assertThat(stored.compression()).isNull();
        assertThat(stored.length()).isZero();
    }

    @Test
    void restoringRefusesAnUnknownCompressionOrAWrongLength() {
        byte[] json = "{\"zen\":\"Keep it logically awesome.\"}".repeat(20).getBytes(StandardCharsets.UTF_8);
        Lz4Block stored = Lz4Block.of(json);

        assertThatThrownBy(() -> Lz4Block.restore(stored.bytes(), "zstd", json.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown compression 'zstd'");
        assertThatThrownBy(() -> Lz4Block.restore(stored.bytes(), Lz4Block.LZ4, json.length + 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not " + (json.length + 5));
        assertThatThrownBy(() -> Lz4Block.restore(stored.bytes(), Lz4Block.LZ4, json.length - 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an LZ4 block");
    }
}
