package dev.slipway.history.adapter.in.web;

import dev.slipway.history.application.port.in.RepositorySelector;
import dev.slipway.history.domain.PageCursor;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * How the lists of the API read the parameters they share ({@code repo}, {@code since},
 * {@code limit}, {@code cursor}), so that a bad value is answered alike on every list. Each
 * method takes the text as sent; an empty or blank value counts as absent ({@code null}), as HTML
 * forms send them, and one that cannot be read fails with an {@link InvalidParameterException}
 * naming the parameter.
 */
final class ListParameters {

    private ListParameters() {
    }

    static RepositorySelector repository(String repo) {
        String value = text(repo);
        if (value == null) {
            return null;
        }
        try {
            return new RepositorySelector(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("repo", "'" + value + "' is not a repository", RepositorySelector.FORMS);
        }
    }

    static Instant since(String since) {
        String value = text(since);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new InvalidParameterException("since", "'" + value + "' is not a point in time",
                        "an ISO-8601 instant such as 2026-03-01T12:00:00Z, or a date such as 2026-03-01 (midnight UTC)");
            }
        }
    }

    /** The page size asked for, {@code defaultLimit} when none is, and never above {@code maxLimit}. */
    static int limit(String limit, int defaultLimit, int maxLimit) {
        String value = text(limit);
        if (value == null) {
            return defaultLimit;
        }
        String allowed = "a whole number from 1 to " + maxLimit + " (default " + defaultLimit + ")";
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", "'" + value + "' is not a number", allowed);
        }
        if (parsed < 1 || parsed > maxLimit) {
            throw new InvalidParameterException("limit", parsed + " is out of range", allowed);
        }
        return parsed;
    }

    static PageCursor cursor(String cursor) {
        String value = text(cursor);
        if (value == null) {
            return null;
        }
        try {
            return PageCursor.decode(value);
        } catch (PageCursor.MalformedCursorException e) {
            throw new InvalidParameterException("cursor", "'" + value + "' is not a cursor of this API: " + e.getMessage(),
                    "the nextCursor value of a previous page, unchanged; leave it out for the first page");
        }
    }

    /** The value without surrounding blanks, or {@code null} when it is absent or blank. */
    static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
