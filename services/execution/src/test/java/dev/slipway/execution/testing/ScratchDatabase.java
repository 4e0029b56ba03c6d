package dev.slipway.execution.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.embedded.PostgresServer;
import dev.slipway.execution.ExecutionApplication;
import dev.slipway.messaging.MessagingAutoConfiguration;
import dev.slipway.testkit.infra.TestInfrastructure;
import org.flywaydb.core.Flyway;

/**
 * A database of a test's own on the shared PostgreSQL, with schema {@code execution} as in
 * production: no run of another test is in it, and no other executor's sweeper or outbox relay
 * (such as that of a Spring context another test class left cached) works on it.
 */
public final class ScratchDatabase implements AutoCloseable {

    private final String url;
    private HikariDataSource dataSource;

    private ScratchDatabase(String url) {
        this.url = url;
    }

    /** Creates a new, empty database named {@code <prefix>_<random>}. */
    public static ScratchDatabase create(String prefix) {
        return new ScratchDatabase(TestInfrastructure.createDatabase(prefix));
    }

    /** The JDBC URL of the database, its connections in schema {@code execution}. */
    public String executionUrl() {
        return url + "?currentSchema=" + ExecutionApplication.NAME;
    }

    /**
     * A pool of connections in schema {@code execution}, migrated as the service would migrate it
     * (the outbox's tables and execution's own); closed with this database.
     */
    public synchronized HikariDataSource migrated() {
        if (dataSource == null) {
            dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(executionUrl());
            dataSource.setUsername(PostgresServer.USERNAME);
            dataSource.setMaximumPoolSize(6);
            Flyway.configure().dataSource(dataSource).schemas(ExecutionApplication.NAME)
                    .defaultSchema(ExecutionApplication.NAME)
                    .locations(MessagingAutoConfiguration.MIGRATIONS, "classpath:db/migration/execution").load().migrate();
        }
        return dataSource;
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
        }
    }
}
