package dev.slipway.execution.application.port.out;

import java.util.function.Supplier;

/** Units of work on the service's database: the run table and the outbox commit together. */
public interface Transactions {

    /** Runs {@code work} in a transaction, joining the current one if there is one. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} in a transaction, joining the current one if there is one. */
    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code action} once the current transaction has committed, or now when none is
     * active; never when it rolls back.
     */
    void afterCommit(Runnable action);
}
