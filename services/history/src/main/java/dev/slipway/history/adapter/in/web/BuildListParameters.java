package dev.slipway.history.adapter.in.web;

import dev.slipway.history.application.port.in.BuildQuery;
import dev.slipway.model.build.BuildStatus;
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
        return new BuildQuery(ListParameters.repository(repo), ListParameters.text(branch), parsedStatus(),
                parsedEvent(), ListParameters.since(since),
                ListParameters.limit(limit, BuildQuery.DEFAULT_LIMIT, BuildQuery.MAX_LIMIT),
                ListParameters.cursor(cursor));
    }

    private BuildStatus parsedStatus() {
        String value = ListParameters.text(status);
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
        String value = ListParameters.text(event);
        if (value != null && !EVENT.matcher(value).matches()) {
            throw new InvalidParameterException("event", "'" + value + "' is not an event kind",
                    "a lower-case event kind such as push, tag or pull_request");
        }
        return value;
    }
}
