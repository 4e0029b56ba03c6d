package dev.slipway.ingestion.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.ingestion.adapter.out.persistence.DatabaseFailures.Kind;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which database failures mean "deliver again later" (503) and which mean the write itself was refused. */
class DatabaseFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"08000", "08001", "08003", "08006", "08P01", "57P01", "57P02", "57P03", "57014", "53000",
        "53100", "53200", "53300", "58000", "58030", "40001", "40P01", "55P03", "25006"})
    void takesConnectionShutdownResourceAndTimeoutStatesAsUnavailable(String sqlState) {
        // Verifies that every SQLState of a database that cannot take the write now is classified unavailable, even wrapped.
        SQLException failure = new SQLException("the server said no for now", sqlState);

        assertThat(DatabaseFailures.classify(failure)).isEqualTo(Kind.UNAVAILABLE);
        assertThat(DatabaseFailures.classify(new UncategorizedSQLException("insert", "insert ...", failure)))
                .isEqualTo(Kind.UNAVAILABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"22P05", "22021", "22001", "22003", "23502", "23514", "23505", "42P01", "42703", "54000",
        "XX000", "57000"})
    void takesDataIntegrityLimitAndSchemaStatesAsRefused(String sqlState) {
        // Verifies that what the database refuses about the statement itself is never taken for unavailability.
        SQLException failure = new SQLException("the server refused this row", sqlState);

        assertThat(DatabaseFailures.classify(new DataIntegrityViolationException("insert", failure)))
                .isEqualTo(Kind.REFUSED);
        assertThat(DatabaseFailures.sqlStateOf(new DataIntegrityViolationException("insert", failure)))
                .isEqualTo(sqlState);
    }

    @Test
    void findsTheStateOfABatchFailureInItsNextException() {
        // Verifies that a JDBC batch failure, whose own state may be missing, is judged by the exception chained to it.
        BatchUpdateException batch = new BatchUpdateException("batch entry 3 failed", null, 0, new int[0], null);
        batch.setNextException(new SQLException("terminating connection due to administrator command", "57P01"));
        BatchUpdateException refused = new BatchUpdateException("batch entry 3 failed", null, 0, new int[0], null);
        refused.setNextException(new SQLException("unsupported Unicode escape sequence", "22P05"));

        assertThat(DatabaseFailures.classify(batch)).isEqualTo(Kind.UNAVAILABLE);
        assertThat(DatabaseFailures.classify(refused)).isEqualTo(Kind.REFUSED);
        assertThat(DatabaseFailures.sqlStateOf(refused)).isEqualTo("22P05");
    }

    @Test
    void takesPoolTimeoutsAndNetworkFailuresAsUnavailable() {
        // Verifies that failures that never reached the server's judgement (pool, socket, transaction start) are unavailable.
        SQLTransientConnectionException poolTimeout = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms");

        assertThat(DatabaseFailures.classify(new CannotGetJdbcConnectionException("no connection", poolTimeout)))
                .isEqualTo(Kind.UNAVAILABLE);
        assertThat(DatabaseFailures.classify(poolTimeout)).isEqualTo(Kind.UNAVAILABLE);
        assertThat(DatabaseFailures.classify(new CannotCreateTransactionException("begin failed",
                new ConnectException("Connection refused")))).isEqualTo(Kind.UNAVAILABLE);
        assertThat(DatabaseFailures.classify(new TransactionSystemException("commit failed",
                new SQLException("I/O error", null, new SocketTimeoutException("Read timed out")))))
                .isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void readsTheWritesOwnFailureWhenTheRollbackAfterItFailedOnAClosedConnection() {
        // Seen when PostgreSQL stopped under a batch: the write failed (08006), and the rollback then failed with the
        // pool's "Connection is closed", which has no SQLState; the write's failure decides, as the rollback's does not.
        TransactionSystemException lostConnection = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        lostConnection.initApplicationException(new UncategorizedSQLException("insert", "insert into deliveries",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        TransactionSystemException refusedRow = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        refusedRow.initApplicationException(new DataIntegrityViolationException("insert",
                new SQLException("value too long", "22001")));

        assertThat(DatabaseFailures.classify(lostConnection)).isEqualTo(Kind.UNAVAILABLE);
        assertThat(DatabaseFailures.classify(refusedRow)).isEqualTo(Kind.REFUSED);
    }

    @Test
    void takesAFailureWithoutAnyDatabaseCauseAsRefusedSoThatItIsNeverRetriedForEver() {
        // Verifies that a bug (no SQL state, no I/O) is not dressed up as an outage that the sender would retry for ever.
        assertThat(DatabaseFailures.classify(new IllegalStateException("a bug"))).isEqualTo(Kind.REFUSED);
        assertThat(DatabaseFailures.sqlStateOf(new IllegalStateException("a bug"))).isNull();
    }
}
