package dev.slipway.history.domain;

import java.util.List;
import java.util.Optional;

/**
 * One page of builds, newest first.
 *
 * @param next where the next page starts, or empty on the last page
 */
public record BuildPage(List<Build> builds, Optional<PageCursor> next) {

    public BuildPage {
        builds = List.copyOf(builds);
        next = next == null ? Optional.empty() : next;
    }
}
