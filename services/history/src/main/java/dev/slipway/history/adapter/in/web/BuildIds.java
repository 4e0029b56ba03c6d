package dev.slipway.history.adapter.in.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** Reads build ids from URLs. */
final class BuildIds {

    static final String ALLOWED = "a build id is a UUID such as 0b7e4a2c-3f1d-4c8e-9a6b-5d2e1f0a9c8b";

    // UUID.fromString accepts shortened groups such as 1-2-3-4-5; a URL should name one build exactly.
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private BuildIds() {
    }

    /** The build id in {@code text}, or an {@link InvalidParameterException} naming the {@code id} path segment. */
    static UUID parse(String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new InvalidParameterException("id", "'" + text + "' is not a build id", ALLOWED);
        }
        return UUID.fromString(text);
    }
}
