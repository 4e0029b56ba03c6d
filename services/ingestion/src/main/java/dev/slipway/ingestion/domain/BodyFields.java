package dev.slipway.ingestion.domain;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reading fields of a webhook body the way every parser needs: a text, flag or number that may be
 * absent, or one the event cannot do without. A field that is required and absent, or present
 * with the wrong kind of value, throws {@link Problem} naming it by its path in the body, which
 * the parser turns into a malformed delivery.
 */
final class BodyFields {

    private BodyFields() {
    }

    /** The string at {@code field}, or {@code null} when it is absent, null, blank or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isString()) {
            return null;
        }
        String text = value.stringValue();
        return text.isBlank() ? null : text;
    }

    /**
     * The non-blank string at {@code field}.
     *
     * @param path the field's path in the body, for the problem, such as {@code release.tag_name}
     */
    static String requiredText(JsonNode node, String field, String path) {
        String text = text(node, field);
        if (text == null) {
            throw Problem.missing(path);
        }
        return text;
    }

    /** The object at {@code field}, which must be there. */
    static JsonNode requiredObject(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw Problem.missing(path);
        }
        return value;
    }

    /** The boolean at {@code field}, or {@code null} when it is absent or null; anything else is a problem. */
    static Boolean flag(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw Problem.invalid(path, "true or false");
        }
        return value.booleanValue();
    }

    /** The boolean at {@code field}, or {@code false} when it is absent or null. */
    static boolean flagOrFalse(JsonNode node, String field, String path) {
        return Boolean.TRUE.equals(flag(node, field, path));
    }

    /** The whole number of 1 or more at {@code field}, which must be there. */
    static long positiveNumber(JsonNode node, String field, String path) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            throw Problem.missing(path);
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 1) {
            throw Problem.invalid(path, "a whole number of 1 or more");
        }
        return value.longValue();
    }

    /**
     * The strings in the array at {@code field}: empty when it is absent or null, a problem when it
     * is not an array of strings.
     */
    static List<String> texts(JsonNode node, String field, String path) {
        JsonNode list = node.path(field);
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw Problem.invalid(path, "a list");
        }
        List<String> texts = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            if (!item.isString()) {
                throw Problem.invalid(path + "[" + i + "]", "a string");
            }
            texts.add(item.stringValue());
        }
        return texts;
    }

    /** The first of {@code candidates} that is not {@code null}, or {@code null}. */
    static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A body field that an event needs is absent or holds the wrong kind of value. Its message
     * completes "the push delivery", as in " lacks ref" or "'s created is not true or false".
     * Expected of bad input, so it records no stack trace.
     */
    static final class Problem extends RuntimeException {

        private Problem(String message) {
            super(message, null, false, false);
        }

        static Problem missing(String path) {
            return new Problem(" lacks " + path);
        }

        static Problem invalid(String path, String expected) {
            return new Problem("'s " + path + " is not " + expected);
        }

        /** The problem as a malformed delivery of {@code event}: "the push delivery lacks ref". */
        WebhookParseResult.Malformed of(String event) {
            return new WebhookParseResult.Malformed("the " + event + " delivery" + getMessage());
        }
    }
}
