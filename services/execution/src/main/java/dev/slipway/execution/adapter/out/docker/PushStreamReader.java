package dev.slipway.execution.adapter.out.docker;

import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.slipway.execution.application.port.out.OutputListener;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the engine's stream for the push of one tag. Pure: it sees items as docker-java decoded
 * them and never talks to the engine.
 *
 * <ul>
 *   <li>A status without a progress bar becomes a line, prefixed with the layer it is about;
 *       progress-bar updates do not.</li>
 *   <li>An {@code errorDetail} (or a bare {@code error}) is the registry's refusal: the engine
 *       sends it instead of failing the HTTP response, and the stream then ends normally. So every
 *       item is checked, and the first error is kept in the registry's words.</li>
 *   <li>The digest is the {@code aux.Digest} of the item that ends a successful push, or, failing
 *       that, the one in the engine's closing line {@code <tag>: digest: sha256:... size: N}.</li>
 * </ul>
 */
final class PushStreamReader {

    private static final Pattern DIGEST_LINE = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private final OutputListener output;
    private String digest;
    private String lineDigest;
    private String error;

    PushStreamReader(OutputListener output) {
        this.output = output;
    }

    /** Takes the next item of the stream. */
    void accept(PushResponseItem item) {
        if (item.getStatus() != null && item.getProgress() == null) {
            output.onLine(item.getId() == null ? item.getStatus() : item.getId() + ": " + item.getStatus());
            Matcher inLine = DIGEST_LINE.matcher(item.getStatus());
            if (inLine.find()) {
                lineDigest = inLine.group(1);
            }
        }
        ResponseItem.AuxDetail aux = item.getAux();
        if (aux != null && aux.getDigest() != null && !aux.getDigest().isBlank()) {
            digest = aux.getDigest();
        }
        if (item.isErrorIndicated() && error == null) {
            ResponseItem.ErrorDetail detail = item.getErrorDetail();
            error = detail != null && detail.getMessage() != null && !detail.getMessage().isBlank()
                    ? detail.getMessage() : item.getError();
            if (error == null || error.isBlank()) {
                error = "the engine reported an error without a message";
            }
            output.onLine(error);
        }
    }

    /** What the registry answered when it refused the push, if it did. */
    Optional<String> refusal() {
        return Optional.ofNullable(error);
    }

    /** The manifest digest the registry answered, if the push got that far. */
    Optional<String> digest() {
        return Optional.ofNullable(digest != null ? digest : lineDigest);
    }
}
