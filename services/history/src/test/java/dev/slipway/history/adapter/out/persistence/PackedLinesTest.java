package dev.slipway.history.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.messaging.jdbc.Lz4Block;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PackedLinesTest {

    @Test
    void aChunkOfBuildOutputIsPackedCompressedAndUnpackedLineForLine() {
        List<String> lines = IntStream.rangeClosed(1, 2_000)
                .mapToObj(i -> "line " + i + " of 1000000: the quick brown fox jumps over the lazy dog")
                .toList();
        int utf8 = lines.stream().mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length + 1).sum();

        Lz4Block packed = PackedLines.pack(lines);

        assertThat(packed.compression()).isEqualTo(Lz4Block.LZ4);
        assertThat(packed.length()).isEqualTo(utf8);
        assertThat(packed.bytes().length).isLessThan(utf8 / 3);
        assertThat(PackedLines.unpack(packed.bytes(), packed.compression(), packed.length())).isEqualTo(lines);
    }

    @Test
    void anyCharacterComesBackAsItWentInLineFeedsAndLongLinesToo() {
        List<String> lines = List.of("", "tab\there", "a line feed\ninside", "carriage\r", "unicode: ünïcødé ✓ 🚢",
                "NUL \0 kept by the packing", "x".repeat(200_000), "");

        Lz4Block packed = PackedLines.pack(lines);

        assertThat(PackedLines.unpack(packed.bytes(), packed.compression(), packed.length()))
                .containsExactlyElementsOf(lines);
    }

    @Test
    void noLinesPackToNothing() {
        Lz4Block packed = PackedLines.pack(List.of());

        assertThat(packed.length()).isZero();
        assertThat(PackedLines.unpack(packed.bytes(), packed.compression(), packed.length())).isEmpty();
    }

    @Test
    void bytesThatAreNotPackedLinesAreRefused() {
        // A length of 127 bytes with only three after it.
        assertThatThrownBy(() -> PackedLines.unpack(new byte[] {127, 'a', 'b', 'c'}, null, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs past the end");
        // A length whose varint never ends.
        assertThatThrownBy(() -> PackedLines.unpack(new byte[] {(byte) 0x80, (byte) 0x80}, null, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside a line's length");
    }
}
