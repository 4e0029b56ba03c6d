package dev.slipway.history.application.port.in;

import dev.slipway.history.domain.PageCursor;
import dev.slipway.model.build.DecisionRecord.Verdict;
import java.time.Instant;

/**
 * Which decisions to list. Every criterion is optional ({@code null} matches everything); the given
 * ones must all hold.
 *
 * @param repository the repository, by id or name
 * @param verdict    run, skip or error
 * @param since      only decisions made at or after this instant
 * @param limit      at most this many decisions, from 1 to {@value #MAX_LIMIT}
 * @param after      continue after this position, from the previous page's cursor
 */
public record DecisionQuery(RepositorySelector repository, Verdict verdict, Instant since, int limit,
                            PageCursor after) {

    /** The page size when none is asked for, as for builds. */
    public static final int DEFAULT_LIMIT = BuildQuery.DEFAULT_LIMIT;
    /** The largest page, as for builds. */
    public static final int MAX_LIMIT = BuildQuery.MAX_LIMIT;

    public DecisionQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Every decision, newest first, one default-sized page. */
    public static DecisionQuery all() {
        return new DecisionQuery(null, null, null, DEFAULT_LIMIT, null);
    }
}
