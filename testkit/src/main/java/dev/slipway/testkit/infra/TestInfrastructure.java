package dev.slipway.testkit.infra;

import dev.slipway.embedded.KafkaServer;
import dev.slipway.embedded.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one PostgreSQL and the one Kafka broker that all tests in a JVM share.
 *
 * <ul>
 *   <li>Each is started the first time something asks for it, and only once per JVM, however
 *       many threads ask at the same time. Both are temporary: their data is deleted when they
 *       stop, which their own JVM shutdown hooks do at exit.
 *   <li>If one fails to start, every later request fails at once with that same cause, rather
 *       than each test class waiting for another failed start.
 *   <li>Because they are shared, tests must not rely on a fresh broker or an empty database. Use
 *       ids, topics' keys, consumer groups and schemas of your own, and expect others' data
 *       next to yours.
 * </ul>
 *
 * <p>A Spring Boot test of a service wires itself to them in one line:
 *
 * <pre>{@code
 * @SpringBootTest
 * class IngestionServiceTest {
 *
 *     @DynamicPropertySource
 *     static void infrastructure(DynamicPropertyRegistry registry) {
 *         TestInfrastructure.registerService(registry, "ingestion");
 *     }
 * }
 * }</pre>
 *
 * The values are registered as suppliers, so nothing starts before Spring first reads one of
 * them; registering also starts both servers in the background, so that they come up while
 * Spring builds the context.
 */
public final class TestInfrastructure {

    /** The database that every service's schema lives in, as in production. */
    public static final String DATABASE = "slipway";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final StartOnce<PostgresServer> POSTGRES = new StartOnce<>("PostgreSQL",
            () -> PostgresServer.builder().database(DATABASE).start());
    private static final StartOnce<KafkaServer> KAFKA = new StartOnce<>("Kafka",
            () -> KafkaServer.builder().start());

    private TestInfrastructure() {
    }

    /** The shared PostgreSQL, started if it is not running yet; database {@value #DATABASE} exists in it. */
    public static PostgresServer postgres() {
        return POSTGRES.get();
    }

    /** The shared Kafka broker, started if it is not running yet. */
    public static KafkaServer kafka() {
        return KAFKA.get();
    }

    /**
     * A JDBC URL for database {@value #DATABASE} whose connections use {@code schema} by default
     * ({@code currentSchema=<schema>}). The schema itself is not created; Flyway does that.
     */
    public static String jdbcUrl(String schema) {
        return postgres().jdbcUrl() + "?currentSchema=" + requireSchemaName(schema);
    }

    /**
     * Creates a new, empty database named {@code <prefix>_<random>} on the shared PostgreSQL, for a
     * test whose service must see no other test's rows and no other context's relay or consumers;
     * returns its JDBC URL, to which {@code ?currentSchema=<schema>} may be added. It lives as long
     * as the shared server.
     */
    public static String createDatabase(String prefix) {
        String name = requireSchemaName(prefix) + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(postgres().jdbcUrl(), postgres().username(), "");
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return postgres().jdbcUrl(name);
    }

    /**
     * Points a service's Spring context at the shared PostgreSQL, in its own {@code schema}, and
     * at the shared Kafka broker. Registers {@code spring.datasource.url}, {@code .username} and
     * {@code .password}, {@code spring.flyway.schemas}, {@code spring.flyway.default-schema} and
     * {@code spring.kafka.bootstrap-servers}.
     */
    public static void registerService(DynamicPropertyRegistry registry, String schema) {
        registerPostgres(registry, schema);
        registerKafka(registry);
    }

    /** The PostgreSQL half of {@link #registerService}, for a context that has no Kafka. */
    public static void registerPostgres(DynamicPropertyRegistry registry, String schema) {
        requireSchemaName(schema);
        POSTGRES.startInBackground();
        registry.add("spring.datasource.url", () -> jdbcUrl(schema));
        registry.add("spring.datasource.username", () -> postgres().username());
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.default-schema", () -> schema);
    }

    /** The Kafka half of {@link #registerService}, for a context that has no database. */
    public static void registerKafka(DynamicPropertyRegistry registry) {
        KAFKA.startInBackground();
        registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
    }

    private static String requireSchemaName(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("A schema name here is lower-case letters, digits and '_',"
                    + " starting with a letter or '_', as in 'ingestion'; got '" + schema + "'");
        }
        return schema;
    }

    /** Starts a server once per JVM, on a thread of its own, and hands the outcome to every caller. */
    private static final class StartOnce<T> {

        private final String name;
        private final Supplier<T> start;
        private final AtomicReference<CompletableFuture<T>> outcome = new AtomicReference<>();

        StartOnce(String name, Supplier<T> start) {
            this.name = name;
            this.start = start;
        }

        void startInBackground() {
            if (outcome.get() != null) {
                return;
            }
            CompletableFuture<T> future = new CompletableFuture<>();
            if (outcome.compareAndSet(null, future)) {
                Thread.ofPlatform().daemon().name("testkit-start-" + name).start(() -> {
                    try {
                        future.complete(start.get());
                    } catch (Throwable failure) {
                        future.completeExceptionally(failure);
                    }
                });
            }
        }

        T get() {
            startInBackground();
            try {
                return outcome.get().join();
            } catch (CompletionException e) {
                throw new IllegalStateException("The shared test " + name + " could not be started in this JVM;"
                        + " the cause below says why", e.getCause());
            }
        }
    }
}
