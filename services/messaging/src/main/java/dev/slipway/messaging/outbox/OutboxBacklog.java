package dev.slipway.messaging.outbox;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How many outbox rows wait to be published and how old the oldest is, read from PostgreSQL when
 * a gauge asks and kept for {@code freshFor}, so that the two gauges of one scrape cost one query.
 * The age is measured on the database's clock ({@code now() - min(created_at)}), the clock that
 * stamped the rows, so no skew between hosts enters it. When the database cannot be read, both
 * values are NaN: unknown, rather than a reassuring zero. Thread-safe.
 */
final class OutboxBacklog {

    private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);

    private final JdbcTemplate jdbc;
    private final long freshForNanos;
    private Snapshot snapshot;

    OutboxBacklog(JdbcTemplate jdbc, Duration freshFor) {
        this.jdbc = jdbc;
        this.freshForNanos = freshFor.toNanos();
    }

    /** Rows not yet published, or NaN when the database cannot be read. */
    double pending() {
        return current().pending();
    }

    /** Seconds since the oldest unpublished row was appended; 0 when none waits, NaN when unknown. */
    double oldestAgeSeconds() {
        return current().oldestAgeSeconds();
    }

    private synchronized Snapshot current() {
        long now = System.nanoTime();
        if (snapshot == null || now - snapshot.takenAt() > freshForNanos) {
            snapshot = read(now);
        }
        return snapshot;
    }

    private Snapshot read(long now) {
        try {
            return jdbc.queryForObject("""
                            select count(*) as pending,
                                   coalesce(extract(epoch from now() - min(created_at)), 0) as age
                            from outbox""",
                    (rs, n) -> new Snapshot(rs.getLong("pending"), Math.max(0, rs.getDouble("age")), now));
        } catch (RuntimeException unavailable) {
            log.debug("outbox: the backlog could not be read", unavailable);
            return new Snapshot(Double.NaN, Double.NaN, now);
        }
    }

    private record Snapshot(double pending, double oldestAgeSeconds, long takenAt) {
    }
}
