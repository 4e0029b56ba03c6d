package dev.slipway.pipeline.lint;

import java.util.Locale;

/** How bad a problem is: an error blocks the build, a warning travels with it. */
public enum Severity {
    ERROR, WARNING;

    /** {@code error} or {@code warning}, as printed by the CLI. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
