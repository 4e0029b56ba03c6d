package dev.slipway.standalone;

import dev.slipway.credentials.CredentialsApplication;
import dev.slipway.embedded.KafkaServer;
import dev.slipway.embedded.PostgresServer;
import dev.slipway.execution.ExecutionApplication;
import dev.slipway.filtering.FilteringApplication;
import dev.slipway.history.HistoryApplication;
import dev.slipway.ingestion.IngestionApplication;
import dev.slipway.releases.ReleasesApplication;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A running standalone platform: the embedded PostgreSQL and Kafka, and one application context
 * per service. {@link #close()} stops the services first (side by side), then Kafka, then
 * PostgreSQL; the platform's one JVM shutdown hook does the same when the process is stopped.
 * Neither the services nor the servers have hooks of their own: the JVM runs all hooks at once,
 * and PostgreSQL stopping under services that still commit made a stop hang.
 */
public final class StandalonePlatform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StandalonePlatform.class);

    private static final Map<String, Supplier<SpringApplicationBuilder>> SERVICES = services();
    private static final String LOGGING_SYSTEM_PROPERTY = "org.springframework.boot.logging.LoggingSystem";

    private final StandaloneSettings settings;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final Map<String, ConfigurableApplicationContext> contexts;
    private final Thread shutdownHook = Thread.ofPlatform().name("slipway-shutdown").unstarted(this::stop);
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch down = new CountDownLatch(1);

    private StandalonePlatform(StandaloneSettings settings, PostgresServer postgres, KafkaServer kafka,
                               Map<String, ConfigurableApplicationContext> contexts) {
        this.settings = settings;
        this.postgres = postgres;
        this.kafka = kafka;
        this.contexts = contexts;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts PostgreSQL, Kafka and every service, and returns once all of them are up.
     *
     * <p>Spring Boot's logging system is set up per application and is not safe to set up from
     * several threads at once, so the platform turns it off for the whole JVM and logs through
     * the one {@code logback.xml} of the standalone platform instead.
     */
    public static StandalonePlatform start(StandaloneSettings settings) {
        System.setProperty(LOGGING_SYSTEM_PROPERTY, "none");
        long started = System.nanoTime();
        PostgresServer postgres = null;
        KafkaServer kafka = null;
        Map<String, ConfigurableApplicationContext> contexts = Collections.synchronizedMap(new LinkedHashMap<>());
        try {
            postgres = PostgresServer.builder()
                    .dataDirectory(settings.home().resolve("postgres"))
                    .binariesDirectory(settings.home().resolve("postgres-binaries"))
                    .port(settings.postgresPort())
                    .database("slipway")
                    .stopOnJvmExit(false)
                    .start();
            log.info("PostgreSQL is up on 127.0.0.1:{}, data in {}", postgres.port(), postgres.dataDirectory());
            kafka = KafkaServer.builder()
                    .logDirectory(settings.home().resolve("kafka"))
                    .port(settings.kafkaPort())
                    .stopOnJvmExit(false)
                    .start();
            log.info("Kafka is up on {}, data in {}", kafka.bootstrapServers(), settings.home().resolve("kafka"));
            startServices(settings, postgres, kafka, contexts);
            log.info("Slipway is up in {} s: history (web UI and API) on http://127.0.0.1:{}/, webhooks on "
                            + "http://127.0.0.1:{}/hooks/github", Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                    settings.servicePorts().get("history"), settings.servicePorts().get("ingestion"));
            return new StandalonePlatform(settings, postgres, kafka, new LinkedHashMap<>(contexts));
        } catch (RuntimeException | Error e) {
            new StandalonePlatform(settings, postgres, kafka, new LinkedHashMap<>(contexts)).close();
            throw e;
        }
    }

    private static void startServices(StandaloneSettings settings, PostgresServer postgres, KafkaServer kafka,
                                      Map<String, ConfigurableApplicationContext> contexts) {
        // Services are independent of each other, so they start side by side.
        try (ExecutorService pool = Executors.newFixedThreadPool(SERVICES.size())) {
            List<Future<?>> starts = new ArrayList<>();
            for (var service : SERVICES.entrySet()) {
                String name = service.getKey();
                starts.add(pool.submit(() -> {
                    // As command-line arguments, these outrank the defaults in the service's own file.
                    String[] arguments = properties(settings, postgres, kafka, name).entrySet().stream()
                            .map(p -> "--" + p.getKey() + "=" + p.getValue())
                            .toArray(String[]::new);
                    ConfigurableApplicationContext context = service.getValue().get()
                            .bannerMode(Banner.Mode.OFF)
                            .registerShutdownHook(false)
                            .run(arguments);
                    contexts.put(name, context);
                    return null;
                }));
            }
            for (Future<?> start : starts) {
                try {
                    start.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a Slipway service failed to start: " + e.getCause().getMessage(),
                            e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting the services", e);
                }
            }
        }
    }

    private static Map<String, Object> properties(StandaloneSettings settings, PostgresServer postgres,
                                                  KafkaServer kafka, String service) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.config.name", service);
        p.put("spring.datasource.url", postgres.jdbcUrl() + "?currentSchema=" + service);
        p.put("spring.datasource.username", postgres.username());
        p.put("spring.datasource.password", "");
        p.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("server.port", settings.servicePorts().get(service));
        p.put("server.address", "127.0.0.1");
        // Each context has its own Prometheus registry; the JVM-wide one would mix them up.
        p.put("management.metrics.use-global-registry", "false");
        // The services share one class path here; only history serves the API description.
        if (!service.equals(HistoryApplication.NAME)) {
            p.put("springdoc.api-docs.enabled", "false");
        }
        if (service.equals(FilteringApplication.NAME)) {
            p.put("slipway.filtering.mirrors", settings.home().resolve("filtering").resolve("mirrors").toString());
        }
        if (settings.repositoriesFile() != null) {
            p.put("slipway.repositories.file", settings.repositoriesFile().toString());
        }
        p.putAll(settings.extraProperties());
        return p;
    }

    /** The application context of {@code service}. */
    public ConfigurableApplicationContext service(String service) {
        ConfigurableApplicationContext context = contexts.get(service);
        if (context == null) {
            throw new IllegalArgumentException("no running service " + service);
        }
        return context;
    }

    /** The settings the platform started with. */
    public StandaloneSettings settings() {
        return settings;
    }

    /** The embedded PostgreSQL. */
    public PostgresServer postgres() {
        return postgres;
    }

    /** The embedded Kafka broker. */
    public KafkaServer kafka() {
        return kafka;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; stop() is idempotent
        }
    }

    /** Blocks until the platform has stopped, by {@link #close()} or by its shutdown hook. */
    public void awaitStopped() throws InterruptedException {
        down.await();
    }

    private void stop() {
        if (stopped.getAndSet(true)) {
            return;
        }
        log.info("Stopping Slipway");
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, contexts.size()))) {
            for (var context : contexts.entrySet()) {
                pool.submit(() -> {
                    try {
                        context.getValue().close();
                    } catch (RuntimeException e) {
                        log.warn("stopping {} failed: {}", context.getKey(), e.toString());
                    }
                });
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        log.info("Slipway stopped");
        down.countDown();
    }

    private static Map<String, Supplier<SpringApplicationBuilder>> services() {
        Map<String, Supplier<SpringApplicationBuilder>> services = new LinkedHashMap<>();
        services.put(HistoryApplication.NAME, HistoryApplication::application);
        services.put(IngestionApplication.NAME, IngestionApplication::application);
        services.put(FilteringApplication.NAME, FilteringApplication::application);
        services.put(ExecutionApplication.NAME, ExecutionApplication::application);
        services.put(ReleasesApplication.NAME, ReleasesApplication::application);
        services.put(CredentialsApplication.NAME, CredentialsApplication::application);
        return Collections.unmodifiableMap(services);
    }
}
