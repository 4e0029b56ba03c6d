package dev.slipway.ingestion.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The token an operator presents to use ingestion's operator endpoints, such as replaying a
 * delivery. It never appears in logs or answers, so {@link #toString()} hides it.
 *
 * <p>Presented tokens are compared by their SHA-256 digests, so that the comparison takes the same
 * time whatever the presented token's length and wherever it differs: a caller cannot find the
 * token character by character, nor learn its length.
 */
public final class OperatorToken {

    /** The shortest token accepted; anything shorter is guessable. */
    public static final int MIN_LENGTH = 16;

    private final byte[] digest;
    private final String label;

    private OperatorToken(byte[] digest, String label) {
        this.digest = digest;
        this.label = label;
    }

    /**
     * The token {@code value}, recorded in the audit trail as {@code label}.
     *
     * @param label who or what holds the token, such as {@code ops-team}; {@code null} or blank for none
     * @throws IllegalArgumentException when the value is shorter than {@value #MIN_LENGTH} characters
     */
    public static OperatorToken of(String value, String label) {
        if (value == null || value.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("an operator token needs at least " + MIN_LENGTH
                    + " characters, so that it cannot be guessed; generate one with: openssl rand -hex 32");
        }
        return new OperatorToken(sha256(value.strip()), label == null || label.isBlank() ? null : label.strip());
    }

    /** Whether {@code presented} is this token; in constant time. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented.strip()));
    }

    /** Who or what holds the token, for the audit trail; {@code null} when none was configured. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return "OperatorToken[****" + (label == null ? "" : ", label=" + label) + "]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256, so this is a broken runtime, not bad input.
            throw new IllegalStateException("the Java runtime cannot compute SHA-256", e);
        }
    }
}
