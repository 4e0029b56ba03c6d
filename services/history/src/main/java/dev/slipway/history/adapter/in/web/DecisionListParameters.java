package dev.slipway.history.adapter.in.web;

import dev.slipway.history.application.port.in.DecisionQuery;
import dev.slipway.model.build.DecisionRecord.Verdict;

/**
 * The query string of {@code GET /api/decisions}, as the client sent it, and its reading into a
 * {@link DecisionQuery}. Each parameter that cannot be read fails with a message naming it and
 * saying what it may be; an empty parameter counts as absent.
 */
record DecisionListParameters(String repo, String verdict, String since, String limit, String cursor) {

    static final String VERDICTS = "one of run, skip, error";

    /** The query these parameters describe. */
    DecisionQuery toQuery() {
        return new DecisionQuery(ListParameters.repository(repo), parsedVerdict(), ListParameters.since(since),
                ListParameters.limit(limit, DecisionQuery.DEFAULT_LIMIT, DecisionQuery.MAX_LIMIT),
                ListParameters.cursor(cursor));
    }

    private Verdict parsedVerdict() {
        String value = ListParameters.text(verdict);
        if (value == null) {
            return null;
        }
        try {
            return Verdict.fromWireName(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("verdict", "'" + value + "' is not a verdict", VERDICTS);
        }
    }
}
