package dev.slipway.model.build;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.slipway.model.Fields;
import java.util.Locale;

/**
 * One thing wrong with a pipeline file, as the pipeline library's linter reported it.
 *
 * @param severity {@code error} blocks the build, {@code warning} does not
 * @param code     a stable code, such as {@code yaml.syntax}
 * @param message  what is wrong, in one sentence
 * @param file     the file, as named in the repository, such as {@code .slipway.yml}
 * @param line     the line, from 1
 * @param column   the column, from 1
 * @param hint     what to do about it, or empty
 */
public record LintProblem(Severity severity, String code, String message, String file, int line, int column,
                          String hint) {

    public LintProblem {
        Fields.required(severity, "severity");
        Fields.text(code, "code");
        Fields.text(message, "message");
        Fields.text(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("lines and columns count from 1, was " + line + ":" + column);
        }
        hint = hint == null ? "" : hint;
    }

    /** {@code file:line:col}. */
    public String location() {
        return file + ":" + line + ":" + column;
    }

    /** How bad a problem is. */
    public enum Severity {
        ERROR, WARNING;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Severity fromWireName(String wireName) {
            for (Severity s : values()) {
                if (s.wireName().equalsIgnoreCase(wireName)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown severity '" + wireName + "'; expected error or warning");
        }
    }
}
