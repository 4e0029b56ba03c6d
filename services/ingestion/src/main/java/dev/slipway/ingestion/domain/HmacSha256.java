package dev.slipway.ingestion.domain;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures as git hosts send them: lower-case hex, compared in constant time. */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_HEX_LENGTH = 64;

    /**
     * One {@link Mac} per thread, keyed anew for each body: looking the algorithm up among the
     * runtime's providers for every delivery cost more than the HMAC of an 8 KB body itself.
     */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            // Every Java runtime must provide HmacSHA256, so this is a broken runtime, not bad input.
            throw new IllegalStateException("the Java runtime cannot compute HmacSHA256", e);
        }
    });

    private HmacSha256() {
    }

    /** The signature of {@code body} under {@code secret}, as lower-case hex. */
    public static String sign(WebhookSecret secret, byte[] body) {
        return HexFormat.of().formatHex(mac(secret, body));
    }

    /**
     * Checks a hex signature against {@code body}. The comparison takes the same time wherever
     * the signatures differ, so that a sender cannot find the right one byte by byte.
     */
    public static SignatureCheck check(String hexSignature, WebhookSecret secret, byte[] body) {
        if (hexSignature == null || hexSignature.isBlank()) {
            return SignatureCheck.MISSING;
        }
        if (hexSignature.length() != SIGNATURE_HEX_LENGTH) {
            return SignatureCheck.MALFORMED;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(hexSignature);
        } catch (IllegalArgumentException notHex) {
            return SignatureCheck.MALFORMED;
        }
        return MessageDigest.isEqual(claimed, mac(secret, body)) ? SignatureCheck.VALID : SignatureCheck.MISMATCH;
    }

    private static byte[] mac(WebhookSecret secret, byte[] body) {
        Mac mac = MACS.get();
        try {
            // init resets the Mac, so nothing of a body that failed half-way carries over.
            mac.init(new SecretKeySpec(secret.keyBytes(), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 refused a webhook secret as its key", e);
        }
        return mac.doFinal(body);
    }
}
