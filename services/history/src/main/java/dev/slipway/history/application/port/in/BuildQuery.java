package dev.slipway.history.application.port.in;

import dev.slipway.history.domain.PageCursor;
import dev.slipway.model.build.BuildStatus;
import java.time.Instant;

/**
 * Which builds to list. Every criterion is optional ({@code null} matches everything); the given
 * ones must all hold.
 *
 * @param repository the repository, by id or name
 * @param branch     the branch the build ran for
 * @param status     the build's status
 * @param event      the kind of event that triggered it, such as {@code push}
 * @param since      only builds created at or after this instant
 * @param limit      at most this many builds, from 1 to {@value #MAX_LIMIT}
 * @param after      continue after this position, from the previous page's cursor
 */
public record BuildQuery(RepositorySelector repository, String branch, BuildStatus status, String event,
                         Instant since, int limit, PageCursor after) {

    /** The page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 20;
    /** The largest page the history serves, so one request cannot ask for the whole table. */
    public static final int MAX_LIMIT = 100;

    public BuildQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Every build, newest first, one default-sized page. */
    public static BuildQuery all() {
        return new BuildQuery(null, null, null, null, null, DEFAULT_LIMIT, null);
    }
}
