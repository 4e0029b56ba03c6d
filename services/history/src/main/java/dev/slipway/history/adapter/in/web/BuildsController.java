package dev.slipway.history.adapter.in.web;

import dev.slipway.history.adapter.in.web.BuildViews.BuildDetail;
import dev.slipway.history.adapter.in.web.BuildViews.BuildList;
import dev.slipway.history.application.port.in.QueryBuildHistory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists builds and shows one build. */
@RestController
@RequestMapping(path = "/api/builds", produces = MediaType.APPLICATION_JSON_VALUE)
class BuildsController {

    private final QueryBuildHistory history;

    BuildsController(QueryBuildHistory history) {
        this.history = history;
    }

    /**
     * Builds, newest first. Parameters arrive as text so that a bad one is answered with a problem
     * detail that names it, rather than a generic conversion error.
     */
    @GetMapping
    BuildList list(@RequestParam(required = false) String repo, @RequestParam(required = false) String branch,
                   @RequestParam(required = false) String status, @RequestParam(required = false) String event,
                   @RequestParam(required = false) String since, @RequestParam(required = false) String limit,
                   @RequestParam(required = false) String cursor) {
        var query = new BuildListParameters(repo, branch, status, event, since, limit, cursor).toQuery();
        return BuildList.of(history.builds(query));
    }

    @GetMapping("/{id}")
    BuildDetail show(@PathVariable String id) {
        return BuildDetail.of(history.build(PathIds.build(id)));
    }
}
