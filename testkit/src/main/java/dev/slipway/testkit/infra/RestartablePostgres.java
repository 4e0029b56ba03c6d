package dev.slipway.testkit.infra;

import dev.slipway.embedded.PostgresServer;
import java.nio.file.Path;

/**
 * A PostgreSQL server that one test owns and can stop and start again, as an outage and its
 * end: the same port and the same data directory, so that committed data survives and a
 * connection pool can reconnect to the address it knows. Database {@value TestInfrastructure#DATABASE}
 * exists in it. The data lives in a temporary directory that {@link #close()} deletes.
 *
 * <p>Being persistent, it runs with {@code fsync} on, as production does: slower per commit than
 * the shared server. Use it only where the test stops the database. Not for use by several
 * threads at once.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path directory;
    private final int port;
    private PostgresServer server;

    private RestartablePostgres(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Starts a new server on a free port and a new temporary data directory. */
    public static RestartablePostgres start() {
        RestartablePostgres postgres = new RestartablePostgres(OwnedResources.create("slipway-test-postgres-"),
                OwnedResources.freePort());
        postgres.startAgain();
        return postgres;
    }

    /** The port, the same before and after a restart. */
    public int port() {
        return port;
    }

    /** A JDBC URL for database {@value TestInfrastructure#DATABASE} whose connections use {@code schema}. */
    public String jdbcUrl(String schema) {
        return "jdbc:postgresql://localhost:" + port + "/" + TestInfrastructure.DATABASE + "?currentSchema=" + schema;
    }

    /** The user to connect as, with no password. */
    public String username() {
        return PostgresServer.USERNAME;
    }

    /** Whether the server runs now. */
    public boolean isRunning() {
        return server != null;
    }

    /** Stops the server (open sessions are cut) and waits until it is down. */
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts the server again on the same port and data, and returns once it accepts connections. */
    public void startAgain() {
        if (server == null) {
            server = OwnedResources.retryWhileBusy(() -> PostgresServer.builder()
                    .dataDirectory(directory)
                    .port(port)
                    .database(TestInfrastructure.DATABASE)
                    .start());
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
        return "RestartablePostgres[port " + port + ", " + (isRunning() ? "running" : "stopped") + "]";
    }
}
