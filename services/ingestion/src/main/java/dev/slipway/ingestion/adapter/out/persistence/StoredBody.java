package dev.slipway.ingestion.adapter.out.persistence;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A delivery's body as {@code deliveries} keeps it: compressed with LZ4 (its block format) when
 * that makes it smaller, which a git host's JSON always does (a GitHub push of 8.5 KB becomes
 * 2.5 KB in about 8 microseconds), else as received. Compressed, a typical delivery's row fits in
 * one page: PostgreSQL then writes neither TOAST rows nor their index entries for it, and about
 * half the WAL per delivery (docs/benchmarks.md). PostgreSQL's own compression (pglz; this build
 * has no lz4) cost more CPU than anything else in the database, which is why the request's
 * thread compresses instead, before the delivery reaches the writer.
 *
 * @param bytes       what the {@code body} column holds
 * @param compression {@value #LZ4}, or {@code null} when {@code bytes} is the body as received
 * @param length      the body's length as received
 */
record StoredBody(byte[] bytes, String compression, int length) {

    /** The {@code body_compression} of a body stored as one LZ4 block. */
    static final String LZ4 = "lz4";

    private static final Logger log = LoggerFactory.getLogger(StoredBody.class);

    private static final LZ4Factory FACTORY = factory();
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

    /**
     * LZ4's native library, unpacked into {@code java.io.tmpdir}: 8 microseconds for a GitHub push
     * against 26 for LZ4's Java implementation (LZ4's own choice, {@code fastestInstance}, takes the
     * Java one whenever LZ4 was not loaded by the system class loader, as in Slipway's jars). The
     * Java implementation, which writes the same bytes, where the library cannot load.
     */
    private static LZ4Factory factory() {
        try {
            return LZ4Factory.nativeInstance();
        } catch (Throwable e) { // UnsatisfiedLinkError and the like, from loading the library
            log.warn("LZ4's native library did not load ({}); webhook bodies are compressed by its Java "
                    + "implementation, which is slower", e.toString());
            return LZ4Factory.safeInstance();
        }
    }

    /** {@code body} as it is to be stored. */
    static StoredBody of(byte[] body) {
        byte[] compressed = new byte[COMPRESSOR.maxCompressedLength(body.length)];
        int size = COMPRESSOR.compress(body, 0, body.length, compressed, 0, compressed.length);
        if (size >= body.length) {
            return new StoredBody(body, null, body.length);
        }
        return new StoredBody(Arrays.copyOf(compressed, size), LZ4, body.length);
    }

    /**
     * The body as received, from the columns {@code body}, {@code body_compression} and
     * {@code body_length}; {@code length} is not read for a body stored as received.
     *
     * @throws IllegalArgumentException when the compression is unknown or the bytes do not restore
     *                                  to {@code length} bytes
     */
    static byte[] restore(byte[] stored, String compression, int length) {
        if (compression == null) {
            return stored;
        }
        if (!compression.equals(LZ4)) {
            throw new IllegalArgumentException("unknown body compression '" + compression + "'");
        }
        byte[] body = new byte[length];
        int restored;
        try {
            restored = DECOMPRESSOR.decompress(stored, 0, stored.length, body, 0);
        } catch (LZ4Exception e) {
            throw new IllegalArgumentException("the stored body is not an LZ4 block of " + length + " bytes: "
                    + e.getMessage(), e);
        }
        if (restored != length) {
            throw new IllegalArgumentException("the stored body restores to " + restored + " bytes, not " + length);
        }
        return body;
    }
}
