package dev.slipway.history.adapter.out.persistence;

import dev.slipway.messaging.jdbc.Lz4Block;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A log chunk's lines as {@code log_chunks.packed} keeps them: each line's UTF-8 bytes after their
 * length (an unsigned LEB128 varint), one after the other, the whole stored as an {@link Lz4Block}.
 *
 * <p>A chunk of 2,000 lines of build output is about 160 KB. Stored as a {@code text[]}, the JDBC
 * driver quoted and escaped each line into an array literal, PostgreSQL parsed it back and then
 * compressed the value with pglz, on the same two cores as the step whose output it was; packed
 * here, it is one {@code bytea} of about a fifth of that, which PostgreSQL stores as it is.
 * Lengths rather than a separator, so that a line holding any character, a line feed too, comes
 * back as it went in.
 */
final class PackedLines {

    private PackedLines() {
    }

    /** {@code lines} packed and, when that makes them smaller, compressed. */
    static Lz4Block pack(List<String> lines) {
        byte[] packed = new byte[Math.max(64, lines.size() * 96)];
        int size = 0;
        for (String line : lines) {
            byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
            int needed = size + 5 + utf8.length;
            if (needed > packed.length) {
                packed = Arrays.copyOf(packed, Math.max(needed, packed.length * 2));
            }
            int length = utf8.length;
            while ((length & ~0x7F) != 0) {
                packed[size++] = (byte) ((length & 0x7F) | 0x80);
                length >>>= 7;
            }
            packed[size++] = (byte) length;
            System.arraycopy(utf8, 0, packed, size, utf8.length);
            size += utf8.length;
        }
        return Lz4Block.of(packed, size);
    }

    /**
     * The lines of a stored chunk.
     *
     * @throws IllegalArgumentException when the bytes are not lines packed by {@link #pack}
     */
    static List<String> unpack(byte[] stored, String compression, int length) {
        byte[] packed = Lz4Block.restore(stored, compression, length);
        List<String> lines = new ArrayList<>();
        int at = 0;
        while (at < packed.length) {
            int lineLength = 0;
            int shift = 0;
            byte b;
            do {
                if (at == packed.length || shift > 28) {
                    throw new IllegalArgumentException("packed lines end inside a line's length, at byte " + at);
                }
                b = packed[at++];
                lineLength |= (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if (lineLength < 0 || lineLength > packed.length - at) {
                throw new IllegalArgumentException("a packed line of " + lineLength + " bytes at byte " + at
                        + " runs past the end (" + packed.length + " bytes)");
            }
            lines.add(new String(packed, at, lineLength, StandardCharsets.UTF_8));
            at += lineLength;
        }
        return lines;
    }
}
