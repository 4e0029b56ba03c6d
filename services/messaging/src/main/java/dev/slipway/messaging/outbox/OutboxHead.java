package dev.slipway.messaging.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Reads the oldest rows of the outbox along its primary key, whatever PostgreSQL's statistics say.
 *
 * <p>The relay deletes a row once Kafka has it, so the outbox is a queue: few live rows, many dead
 * ones until vacuum has passed, and, once vacuum's freed space is reused, rows no longer laid out
 * in id order. On such statistics PostgreSQL planned "the oldest n rows" as a scan of the whole
 * table and a sort, reading every dead row again on every batch (at 2,000 events a second the
 * relay's reads then took more of the database's time than all the inserts). Walking the primary
 * key from its start reads the oldest rows and the dead index entries before them, which the first
 * scan to pass them marks as dead for the next. So the read runs in a transaction of its own with
 * sequential scans off.
 */
final class OutboxHead {

    private OutboxHead() {
    }

    /** The first {@code limit} rows in id order, each read by {@code rows}; {@code columns} is the select list. */
    static <T> List<T> oldest(JdbcTemplate jdbc, String columns, int limit, RowMapper<T> rows) {
        String sql = "select " + columns + " from outbox order by id limit ?";
        return jdbc.execute((ConnectionCallback<List<T>>) con -> {
            boolean autoCommit = con.getAutoCommit();
            con.setAutoCommit(false);
            try {
                try (Statement settings = con.createStatement()) {
                    settings.execute("set local enable_seqscan = off");
                }
                List<T> found = new ArrayList<>();
                try (PreparedStatement select = con.prepareStatement(sql)) {
                    select.setInt(1, limit);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            found.add(rows.mapRow(rs, found.size()));
                        }
                    }
                }
                con.commit();
                return found;
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            } finally {
                con.setAutoCommit(autoCommit);
            }
        });
    }
}
