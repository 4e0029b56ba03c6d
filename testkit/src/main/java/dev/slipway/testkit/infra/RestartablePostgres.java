package dev.slipway.testkit.infra;

import dev.slipway.embedded.PostgresServer;
import java.nio.file.Path;

/**
 * A PostgreSQL server that one test owns and can stop and start again: the same port and the
 * same data directory, so that committed data survives and a connection pool can reconnect to
 * the address it knows. Database {@value TestInfrastructure#DATABASE} exists in it.
 *
 * <p>Being persistent, it runs with {@code fsync} on, as production does: slower per commit than
 * the shared server. Use it only where the test stops the database.
 */
public final class RestartablePostgres extends RestartableServer<PostgresServer> {

    private final int port;

    private RestartablePostgres(Path directory, int port) {
        super(directory, () -> PostgresServer.builder().dataDirectory(directory).port(port)
                .database(TestInfrastructure.DATABASE).start());
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

    @Override
    String address() {
        return "localhost:" + port;
    }
}
