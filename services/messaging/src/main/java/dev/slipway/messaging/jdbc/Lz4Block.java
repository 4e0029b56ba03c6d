package dev.slipway.messaging.jdbc;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes as a service stores them in a {@code bytea} column: compressed as one LZ4 block (LZ4's
 * block format) when that makes them smaller, else as they are. The services compress large
 * values themselves because PostgreSQL's own compression (pglz; the embedded build has no lz4)
 * costs more CPU than anything else the database does for them; a column that holds such bytes
 * is set to {@code storage external}, so that PostgreSQL does not try again.
 *
 * <p>A stored value is read back with its compression, {@value #LZ4} or {@code null}, and its
 * original length, which the columns beside it keep.
 *
 * @param bytes       what the column holds
 * @param compression {@value #LZ4}, or {@code null} when {@code bytes} are the original bytes
 * @param length      the original bytes' length
 */
public record Lz4Block(byte[] bytes, String compression, int length) {

    /** The compression of bytes stored as one LZ4 block. */
    public static final String LZ4 = "lz4";

    private static final Logger log = LoggerFactory.getLogger(Lz4Block.class);

    private static final LZ4Factory FACTORY = factory();
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

    /**
     * LZ4's native library, unpacked into {@code java.io.tmpdir}: 8 microseconds for a GitHub push
     * of 8.5 KB against 26 for LZ4's Java implementation (LZ4's own choice, {@code fastestInstance},
     * takes the Java one whenever LZ4 was not loaded by the system class loader, as in Slipway's
     * jars). The Java implementation, which writes the same bytes, where the library cannot load.
     */
    private static LZ4Factory factory() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (Throwable e) { // UnsatisfiedLinkError and the like, from loading the library
            log.warn("LZ4's native library did not load ({}); stored bytes are compressed by its Java "
                    + "implementation, which is slower", e.toString());
            return LZ4Factory.safeInstance();
        }
    }

    /** {@code original} as it is to be stored: one LZ4 block if that is smaller, else as it is. */
    public static Lz4Block of(byte[] original) {
        return of(original, original.length);
    }

    /** The first {@code length} bytes of {@code original} as they are to be stored. */
    public static Lz4Block of(byte[] original, int length) {
        byte[] compressed = new byte[COMPRESSOR.maxCompressedLength(length)];
        int size = COMPRESSOR.compress(original, 0, length, compressed, 0, compressed.length);
        if (size >= length) {
            return new Lz4Block(length == original.length ? original : Arrays.copyOf(original, length), null, length);
        }
        return new Lz4Block(Arrays.copyOf(compressed, size), LZ4, length);
    }

    /**
     * The original bytes of a stored value.
     *
     * @param stored      what the column holds
     * @param compression {@value #LZ4}, or {@code null} for bytes stored as they are
     * @param length      the original length; not read when {@code compression} is {@code null}
     * @throws IllegalArgumentException when the compression is unknown or the bytes do not restore
     *                                  to {@code length} bytes
     */
    public static byte[] restore(byte[] stored, String compression, int length) {
        if (compression == null) {
            return stored;
        }
        if (!compression.equals(LZ4)) {
            throw new IllegalArgumentException("unknown compression '" + compression + "'");
        }
        if (length < 0) {
            throw new IllegalArgumentException("a stored length of " + length + " bytes");
        }
        byte[] original = new byte[length];
        int restored;
        try {
            restored = DECOMPRESSOR.decompress(stored, 0, stored.length, original, 0);
        } catch (LZ4Exception e) {
            throw new IllegalArgumentException("the stored bytes are not an LZ4 block of " + length + " bytes: "
                    + e.getMessage(), e);
        }
        if (restored != length) {
            throw new IllegalArgumentException("the stored bytes restore to " + restored + " bytes, not " + length);
        }
        return original;
    }
}
