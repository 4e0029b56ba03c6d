package dev.slipway.ingestion.service;

import dev.slipway.embedded.PostgresServer;
import dev.slipway.testkit.infra.TestInfrastructure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database of a test's own on the shared PostgreSQL, so that the service under test has its
 * {@code ingestion} schema, named as in production, with nobody else's rows and no other relay
 * publishing them.
 */
final class ScratchDatabase {

    private final String url;

    private ScratchDatabase(String url) {
        this.url = url;
    }

    /** Creates a new, empty database named {@code <prefix>_<random>}. */
    static ScratchDatabase create(String prefix) {
        PostgresServer postgres = TestInfrastructure.postgres();
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return new ScratchDatabase(postgres.jdbcUrl(name));
    }

    /** The JDBC URL of the database, its connections in schema {@code ingestion}. */
    String ingestionUrl() {
        return url + "?currentSchema=ingestion";
    }

    /** Queries in schema {@code ingestion}, each on a connection of its own. */
    JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(ingestionUrl(), PostgresServer.USERNAME, ""));
    }
}
