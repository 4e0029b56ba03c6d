package dev.slipway.history.adapter.in.web;

import dev.slipway.history.application.port.in.BuildQuery;
import dev.slipway.history.application.port.in.RepositorySelector;
import dev.slipway.history.domain.BuildCursor;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The query string of {@code GET /api/builds}, as the client sent it, and its reading into a
 * {@link BuildQuery}. Each parameter that cannot be read fails with a message naming it and
 * saying what it may be. An empty parameter ({@code ?status=}) counts as absent, as HTML forms send them.
 */
record BuildListParameters(String repo, String branch, String status, String event, String since, String limit,
                           String cursor) {

    static final String STATUSES = Arrays.stream(BuildStatus.values()).map(BuildStatus::wireName)
            .collect(Collectors.joining(", "));

    private static final Pattern EVENT = Pattern.compile("[a-z][a-z_]*");

    /** The query these parameters describe. */
    BuildQuery toQuery() {
        return new BuildQuery(parsedRepository(), text(branch), parsedStatus(), parsedEvent(), parsedSince(),
                parsedLimit(), parsedCursor());
    }

    private RepositorySelector parsedRepository() {
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

    private BuildStatus parsedStatus() {
        String value = text(status);
        if (value == null) {
            return null;
        }
        try {
            return BuildStatus.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("status", "'" + value + "' is not a build status",
                    "one of " + STATUSES);
        }
    }

    private String parsedEvent() {
        String value = text(event);
        if (value != null && !EVENT.matcher(value).matches()) {
            throw new InvalidParameterException("event", "'" + value + "' is not an event kind",
                    "a lower-case event kind such as push, tag or pull_request");
        }
        return value;
    }

    private Instant parsedSince() {
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

    private int parsedLimit() {
        String value = text(limit);
        if (value == null) {
            return BuildQuery.DEFAULT_LIMIT;
        }
        String allowed = "a whole number from 1 to " + BuildQuery.MAX_LIMIT + " (default " + BuildQuery.DEFAULT_LIMIT + ")";
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("limit", "'" + value + "' is not a number", allowed);
        }
        if (parsed < 1 || parsed > BuildQuery.MAX_LIMIT) {
            throw new InvalidParameterException("limit", parsed + " is out of range", allowed);
        }
        return parsed;
    }

    private BuildCursor parsedCursor() {
        String value = text(cursor);
        if (value == null) {
            return null;
        }
        try {
            return BuildCursor.decode(value);
        } catch (BuildCursor.MalformedCursorException e) {
            throw new InvalidParameterException("cursor", "'" + value + "' is not a cursor of this API: " + e.getMessage(),
                    "the nextCursor value of a previous page, unchanged; leave it out for the first page");
        }
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
