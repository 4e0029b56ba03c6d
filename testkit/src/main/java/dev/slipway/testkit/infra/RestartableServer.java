package dev.slipway.testkit.infra;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A server that one test owns and can stop and start again, as an outage and its end, on the same
 * port and data, which live in a temporary directory that {@link #close()} deletes. Not for use by
 * several threads at once.
 *
 * @param <S> the embedded server that runs while started
 */
public abstract sealed class RestartableServer<S extends AutoCloseable> implements AutoCloseable
        permits RestartableKafka, RestartablePostgres {

    private final Path directory;
    private final Supplier<S> starter;
    private S server;

    RestartableServer(Path directory, Supplier<S> starter) {
        this.directory = directory;
        this.starter = starter;
    }

    /** Whether the server runs now. */
    public boolean isRunning() {
        return server != null;
    }

    /** Stops the server and waits until it is down; its port then refuses connections. */
    public void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop " + this, e);
            }
            server = null;
        }
    }

    /** Starts the server again on the same port and data, and returns once it serves clients. */
    public void startAgain() {
        if (server == null) {
            server = OwnedResources.retryWhileBusy(starter);
        }
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        OwnedResources.deleteQuietly(directory);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + address() + ", " + (isRunning() ? "running" : "stopped") + "]";
    }

    /** Where clients reach the server, the same before and after a restart. */
    abstract String address();
}
