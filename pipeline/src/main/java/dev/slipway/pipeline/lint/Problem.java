package dev.slipway.pipeline.lint;

import dev.slipway.pipeline.source.Location;
import java.util.Objects;

/**
 * One thing wrong with a pipeline file.
 *
 * @param severity whether it blocks the build
 * @param code     a stable code, such as {@code yaml.syntax} or {@code sysctl.not-namespaced}
 * @param message  what is wrong, in one sentence
 * @param location where: file, line and column
 * @param hint     what to do about it, or an empty string
 */
public record Problem(Severity severity, String code, String message, Location location, String hint) {

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        hint = hint == null ? "" : hint;
    }

    public static Problem error(String code, Location location, String message, String hint) {
        return new Problem(Severity.ERROR, code, message, location, hint);
    }

    public static Problem warning(String code, Location location, String message, String hint) {
        return new Problem(Severity.WARNING, code, message, location, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code file:line:col: severity code: message}, as compilers print it. */
    @Override
    public String toString() {
        return location + ": " + severity.label() + " " + code + ": " + message;
    }
}
