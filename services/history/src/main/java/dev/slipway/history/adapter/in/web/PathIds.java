package dev.slipway.history.adapter.in.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** Reads the ids of builds and decisions from URLs. */
final class PathIds {

    // UUID.fromString accepts shortened groups such as 1-2-3-4-5; a URL should name one thing exactly.
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathIds() {
    }

    /** The build id in {@code text}, or an {@link InvalidIdException} for a build. */
    static UUID build(String text) {
        return parse(text, InvalidIdException.BUILD);
    }

    /** The decision id in {@code text}, or an {@link InvalidIdException} for a decision. */
    static UUID decision(String text) {
        return parse(text, InvalidIdException.DECISION);
    }

    private static UUID parse(String text, String kind) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new InvalidIdException(kind, text);
        }
        return UUID.fromString(text);
    }
}
