package dev.slipway.ingestion.service;

import dev.slipway.ingestion.IngestionApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the ingestion service, whole, the way it runs in production, against servers the test
 * owns: in this JVM ({@link #inProcess}) or as a process of its own ({@link IngestionProcess}).
 */
final class IngestionRuns {

    private IngestionRuns() {
    }

    /** The properties that point the service at a database, a broker and a repositories file. */
    static Map<String, String> properties(int port, String jdbcUrl, String kafka, Path repositories) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", Integer.toString(port));
        p.put("spring.datasource.url", jdbcUrl);
        p.put("spring.datasource.username", "postgres");
        p.put("spring.datasource.password", "");
        p.put("spring.kafka.bootstrap-servers", kafka);
        p.put("slipway.repositories.file", repositories.toString());
        return p;
    }

    /** Starts the service in this JVM and returns once it serves requests; close the context to stop it. */
    static ConfigurableApplicationContext inProcess(Map<String, String> properties) {
        return IngestionApplication.application().run(arguments(properties));
    }

    /** The HTTP port of a service started with {@code server.port=0}. */
    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    static String[] arguments(Map<String, String> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
