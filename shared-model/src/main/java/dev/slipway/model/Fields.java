package dev.slipway.model;

import java.util.List;

/**
 * Constructor checks for event records. A violation throws {@link MissingFieldException}, which
 * names the field, so that a decoding error says which field of which event was wrong.
 */
public final class Fields {

    private Fields() {
    }

    /** {@code value}, which must not be null. */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    /** {@code value}, which must be a non-blank string. */
    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new MissingFieldException(field);
        }
        return value;
    }

    /** An immutable copy of {@code values}, or an empty list for null. */
    public static <T> List<T> listOrEmpty(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    /** Thrown by an event record's constructor when a required field is absent or blank. */
    public static final class MissingFieldException extends IllegalArgumentException {
        private final String field;

        public MissingFieldException(String field) {
            super("missing required field '" + field + "'");
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
