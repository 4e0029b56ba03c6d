package dev.slipway.filtering.application;

import dev.slipway.model.scm.PullRequestChanged;
import dev.slipway.pipeline.match.Event;
import dev.slipway.pipeline.model.EventType;
import java.util.List;
import java.util.Set;

/** What filtering makes of a pull request (GitHub, Gitea) or merge request (GitLab). */
final class PullRequests {

    /** The rule of a pull request skipped for its action. */
    static final String ACTION_RULE = "pull_request.action";
    /** The rule of a fork's pull request whose head commit is not in the repository. */
    static final String FORK_RULE = "pull_request.fork";
    /** The building actions, in words. */
    static final String BUILDING = "opened, synchronize (new commits) and reopened";

    /**
     * The actions that build, as each host names them: GitHub {@code opened}, {@code synchronize},
     * {@code reopened}; Gitea the same but {@code synchronized}; GitLab {@code open},
     * {@code update}, {@code reopen}.
     */
    private static final Set<String> BUILDS = Set.of("opened", "synchronize", "synchronized", "reopened", "open",
            "update", "reopen");

    private PullRequests() {
    }

    static boolean builds(String action) {
        return BUILDS.contains(action);
    }

    /**
     * The ref under which the host keeps the request's head in the repository itself, a fork's
     * included: GitLab {@code refs/merge-requests/<n>/head}, GitHub and Gitea {@code refs/pull/<n>/head}.
     */
    static String headRef(PullRequestChanged request) {
        return "gitlab".equals(request.provider()) ? "refs/merge-requests/" + request.number() + "/head"
                : "refs/pull/" + request.number() + "/head";
    }

    /**
     * The pipeline library's event: the head branch and commit, the base branch as the target
     * ({@code on.pull_request.branches}), and the sender. The request carries no commit message and
     * no changed paths, so neither is known.
     */
    static Event event(PullRequestChanged request) {
        return new Event(EventType.PULL_REQUEST, request.headBranch(), request.baseBranch(), "", request.headSha(), "",
                List.of(), List.of(), request.sender(), false);
    }
}
