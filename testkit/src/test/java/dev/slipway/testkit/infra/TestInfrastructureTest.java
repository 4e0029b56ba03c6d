package dev.slipway.testkit.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.embedded.KafkaServer;
import dev.slipway.embedded.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;

class TestInfrastructureTest {

    @Test
    void startsOneServerOfEachPerJvmHoweverManyThreadsAsk() throws Exception {
        // Verifies that concurrent first requests all get the same running PostgreSQL and Kafka.
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            List<Callable<List<Object>>> askBoth = List.of(
                    () -> List.of(TestInfrastructure.postgres(), TestInfrastructure.kafka()),
                    () -> List.of(TestInfrastructure.postgres(), TestInfrastructure.kafka()),
                    () -> List.of(TestInfrastructure.postgres(), TestInfrastructure.kafka()));
            Set<Object> distinct = threads.invokeAll(askBoth).stream()
                    .flatMap(answer -> getQuietly(answer).stream())
                    .collect(Collectors.toSet());
            assertThat(distinct).hasSize(2);
        }
        assertThat(TestInfrastructure.postgres().database()).isEqualTo(TestInfrastructure.DATABASE);
        assertThat(TestInfrastructure.postgres().isPersistent()).isFalse();
        assertThat(TestInfrastructure.kafka().isPersistent()).isFalse();
    }

    @Test
    void createsAnEmptyDatabaseOfItsOwnForEachCaller() throws Exception {
        // Verifies scratch databases: each call names a new database on the shared server, reachable and empty.
        String first = TestInfrastructure.createDatabase("testkit_scratch");
        String second = TestInfrastructure.createDatabase("testkit_scratch");

        assertThat(first).isNotEqualTo(second);
        try (Connection c = DriverManager.getConnection(first + "?currentSchema=public",
                        TestInfrastructure.postgres().username(), "");
                Statement statement = c.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT current_database(), (SELECT count(*) FROM pg_tables WHERE schemaname = 'public')")) {
            row.next();
            assertThat(row.getString(1)).startsWith("testkit_scratch_");
            assertThat(row.getLong(2)).isZero();
        }
        assertThatThrownBy(() -> TestInfrastructure.createDatabase("no-dashes"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registersPropertiesThatReachTheServicesSchemaAndTheBroker() throws Exception {
        // Verifies that the registered Spring properties open connections in the service's schema and reach the shared broker.
        Map<String, Supplier<Object>> registered = new HashMap<>();
        DynamicPropertyRegistry registry = registered::put;

        TestInfrastructure.registerService(registry, "testkit_probe");

        assertThat(registered).containsOnlyKeys("spring.datasource.url", "spring.datasource.username",
                "spring.datasource.password", "spring.flyway.schemas", "spring.flyway.default-schema",
                "spring.kafka.bootstrap-servers");
        assertThat(value(registered, "spring.flyway.schemas")).isEqualTo("testkit_probe");
        assertThat(value(registered, "spring.flyway.default-schema")).isEqualTo("testkit_probe");

        PostgresServer postgres = TestInfrastructure.postgres();
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), "");
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS testkit_probe");
        }
        try (Connection service = DriverManager.getConnection(value(registered, "spring.datasource.url"),
                        value(registered, "spring.datasource.username"), value(registered, "spring.datasource.password"));
                Statement statement = service.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_database(), current_schema()")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("slipway");
            assertThat(row.getString(2)).isEqualTo("testkit_probe");
        }

        KafkaServer kafka = TestInfrastructure.kafka();
        assertThat(value(registered, "spring.kafka.bootstrap-servers")).isEqualTo(kafka.bootstrapServers());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                value(registered, "spring.kafka.bootstrap-servers")))) {
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(kafka.clusterId());
        }
    }

    @Test
    void refusesASchemaNameThatIsNotAPlainIdentifier() {
        // Verifies that schema names which would need quoting, or that could inject into the URL, are refused.
        DynamicPropertyRegistry ignored = (name, value) -> { };
        assertThatThrownBy(() -> TestInfrastructure.registerService(ignored, "Ingestion"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schema");
        assertThatThrownBy(() -> TestInfrastructure.registerPostgres(ignored, "x&user=other"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String value(Map<String, Supplier<Object>> registered, String name) {
        return String.valueOf(registered.get(name).get());
    }

    private static <T> T getQuietly(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError("A thread could not get the shared servers", e);
        }
    }
}
