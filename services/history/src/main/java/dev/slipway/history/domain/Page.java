package dev.slipway.history.domain;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a list that is served newest first, such as builds or decisions.
 *
 * @param items the page's items, in list order
 * @param next  where the next page starts, or empty on the last page
 */
public record Page<T>(List<T> items, Optional<PageCursor> next) {

    public Page {
        items = List.copyOf(items);
        next = next == null ? Optional.empty() : next;
    }

    /**
     * The page of at most {@code limit} items from {@code rows}, which were read with one row more than
     * asked for: that extra row, if it came, tells that a next page exists without a count query, and
     * the last item kept, by {@code position}, is where that page starts.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<T, PageCursor> position) {
        if (rows.size() <= limit) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> page = rows.subList(0, limit);
        return new Page<>(page, Optional.of(position.apply(page.getLast())));
    }
}
