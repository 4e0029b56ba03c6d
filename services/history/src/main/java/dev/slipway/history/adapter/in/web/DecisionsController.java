package dev.slipway.history.adapter.in.web;

import dev.slipway.history.adapter.in.web.DecisionViews.DecisionList;
import dev.slipway.history.adapter.in.web.DecisionViews.DecisionView;
import dev.slipway.history.application.port.in.QueryDecisions;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists filtering's decisions, skips and errors included, and shows one. */
@RestController
@RequestMapping(path = "/api/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
class DecisionsController {

    private final QueryDecisions decisions;

    DecisionsController(QueryDecisions decisions) {
        this.decisions = decisions;
    }

    /** Decisions, newest first. Parameters arrive as text so that a bad one is answered with a problem that names it. */
    @GetMapping
    DecisionList list(@RequestParam(required = false) String repo, @RequestParam(required = false) String verdict,
                      @RequestParam(required = false) String since, @RequestParam(required = false) String limit,
                      @RequestParam(required = false) String cursor) {
        var query = new DecisionListParameters(repo, verdict, since, limit, cursor).toQuery();
        return DecisionList.of(decisions.decisions(query));
    }

    @GetMapping("/{id}")
    DecisionView show(@PathVariable String id) {
        return DecisionView.of(decisions.decision(PathIds.decision(id)));
    }
}
