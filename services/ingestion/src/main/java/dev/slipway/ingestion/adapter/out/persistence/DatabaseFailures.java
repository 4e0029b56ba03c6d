package dev.slipway.ingestion.adapter.out.persistence;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database that cannot take a write just now from a write the database refuses.
 *
 * <p>The first is worth delivering again: the connection failed or timed out, the server is
 * shutting down or starting, it ran out of connections, memory or disk, or the transaction lost a
 * deadlock. A git host that gets 503 retries, and the retry succeeds once PostgreSQL is back. The
 * second is not: a value the schema refuses is refused again on every retry, so answering 503
 * would make the host retry for ever.
 */
final class DatabaseFailures {

    /** What a failed write says about the database. */
    enum Kind {
        /** The database cannot take the write now; it may later. */
        UNAVAILABLE,
        /**
         * The database refused the statement (a value the schema does not take), or the write
         * failed for a reason of its own: retrying the same write will not help.
         */
        REFUSED
    }

    /**
     * SQLState classes (the first two characters) that mean "not now": 08 connection exception,
     * 53 insufficient resources (disk full, out of memory, too many connections), 58 system error
     * (I/O), 40 transaction rollback (serialization failure, deadlock).
     */
    private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "58", "40");

    /**
     * Single SQLStates that mean "not now": 57P01 admin shutdown, 57P02 crash shutdown, 57P03
     * cannot connect now (starting up), 57014 query cancelled (a statement timeout), 55P03 lock not
     * available, 25006 read-only transaction (connected to a standby after a fail-over).
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "57014", "55P03",
            "25006");

    private DatabaseFailures() {
    }

    /**
     * What {@code failure}, thrown by a write, says about the database: {@link Kind#UNAVAILABLE} on
     * positive evidence only, anywhere among its causes; everything else, a bug included, is
     * {@link Kind#REFUSED}, since only the first kind is cured by delivering again.
     */
    static Kind classify(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (isUnavailable(t)) {
                return Kind.UNAVAILABLE;
            }
            // A rollback that failed after the write did (the connection had died, and the pool says only
            // "Connection is closed") hides the write's own failure here, not among its causes.
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && classify(rollback.getApplicationException()) == Kind.UNAVAILABLE) {
                return Kind.UNAVAILABLE;
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.put(next, true) == null;
                        next = next.getNextException()) {
                    if (isUnavailable(next)) {
                        return Kind.UNAVAILABLE;
                    }
                }
            }
        }
        return Kind.REFUSED;
    }

    /** The SQLState of the first SQL exception in {@code failure}'s causes, or {@code null}. */
    static String sqlStateOf(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null && (e == sql || seen.put(e, true) == null);
                        e = e.getNextException()) {
                    if (e.getSQLState() != null) {
                        return e.getSQLState();
                    }
                }
            }
        }
        return null;
    }

    private static boolean isUnavailable(Throwable t) {
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && state.length() == 5) {
                return UNAVAILABLE_STATES.contains(state) || UNAVAILABLE_CLASSES.contains(state.substring(0, 2));
            }
            // Hikari's "connection is not available, request timed out" and the driver's own
            // recoverable failures carry no SQLState of the server.
            return t instanceof SQLTransientException || t instanceof SQLRecoverableException;
        }
        return t instanceof IOException
                || t instanceof TimeoutException
                || t instanceof DataAccessResourceFailureException
                || t instanceof TransientDataAccessException
                || t instanceof CannotCreateTransactionException;
    }
}
