package dev.slipway.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testkit.infra.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's later migrations reach schemas that already hold a service's own migrations, which
 * are numbered above the library's: migrations 0.2 (rows leave the outbox once published) and 0.3
 * (payloads kept uncompressed) applied to a schema migrated before they existed.
 */
class OutboxMigrationTest {

    private static final String SCHEMA = "upgraded";

    @TempDir
    Path dir;

    @Test
    void aSchemaMigratedBeforeTheOutboxKeptOnlyWaitingRowsTakesThatMigrationAndKeepsItsWaitingRows()
            throws IOException, SQLException {
        // Verifies that 0.2 to 0.4 are applied after a service's V1 (out of order); 0.2 deletes published rows and keeps
        // waiting ones, whose payloads stay as they were (0.4: no compression).
        String url = TestInfrastructure.createDatabase("outbox_upgrade");
        Path before = Files.createDirectories(dir.resolve("before"));
        Path service = Files.createDirectories(dir.resolve("service"));
        try (InputStream first = getClass().getResourceAsStream("/db/migration/messaging/V0_1__outbox.sql")) {
            Files.copy(first, before.resolve("V0_1__outbox.sql"));
        }
        String serviceMigration = "create table service_state (id bigint primary key);\n";
        Files.writeString(before.resolve("V1__service.sql"), serviceMigration);
        Files.writeString(service.resolve("V1__service.sql"), serviceMigration);
        migrate(configuration(url, before));
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute("""
                    insert into outbox (event_id, topic, record_key, event_type, event_version, occurred_at,
                                        correlation_id, payload, published_at)
                    values (gen_random_uuid(), 't', 'k', 'e', 1, now(), 'published', '\\x00', now()),
                           (gen_random_uuid(), 't', 'k', 'e', 1, now(), 'waiting', '\\x00', null)""");
        }

        FluentConfiguration upgrade = configuration(url, service);
        new MessagingAutoConfiguration().messagingMigrations().customize(upgrade);
        int applied = migrate(upgrade);

        assertThat(applied).isEqualTo(3);
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            assertThat(strings(s.executeQuery("select correlation_id from outbox"))).containsExactly("waiting");
            assertThat(strings(s.executeQuery("select coalesce(payload_compression, 'none') from outbox")))
                    .containsExactly("none");
            assertThat(strings(s.executeQuery("""
                    select column_name from information_schema.columns
                    where table_schema = 'upgraded' and table_name = 'outbox' and column_name = 'published_at'""")))
                    .isEmpty();
            assertThat(strings(s.executeQuery("select version from flyway_schema_history where type = 'SQL' order by installed_rank")))
                    .containsExactly("0.1", "1", "0.2", "0.3", "0.4");
        }
    }

    private static FluentConfiguration configuration(String url, Path location) {
        return Flyway.configure()
                .dataSource(url, TestInfrastructure.postgres().username(), "")
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("filesystem:" + location);
    }

    private static int migrate(FluentConfiguration configuration) {
        return configuration.load().migrate().migrationsExecuted;
    }

    private static Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url, TestInfrastructure.postgres().username(), "");
        try (Statement s = c.createStatement()) {
            s.execute("set search_path to " + SCHEMA);
        }
        return c;
    }

    private static List<String> strings(ResultSet rows) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
