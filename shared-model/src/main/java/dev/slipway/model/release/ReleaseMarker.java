package dev.slipway.model.release;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mark Slipway leaves in the notes of every release it publishes: an HTML comment naming the
 * build, {@code <!-- slipway:build=<uuid> -->}, which the git host's page does not show. Releases
 * writes it and filtering reads it back from the host's release webhook, so that a release is
 * known as Slipway's own even when its webhook arrives before anything else says so.
 */
public final class ReleaseMarker {

    private static final Pattern MARKER = Pattern.compile(
            "<!--\\s*slipway:build=([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\s*-->");

    private ReleaseMarker() {
    }

    /** The marker of build {@code buildId}: {@code <!-- slipway:build=<uuid> -->}. */
    public static String of(UUID buildId) {
        return "<!-- slipway:build=" + buildId + " -->";
    }

    /** The build named by the first marker in {@code notes}, if they carry one. */
    public static Optional<UUID> in(String notes) {
        if (notes == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(notes);
        return m.find() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }
}
