package dev.slipway.standalone;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the standalone platform needs to know before it starts anything.
 *
 * @param home             where PostgreSQL's and Kafka's data live ({@code $SLIPWAY_HOME})
 * @param postgresPort     PostgreSQL's port on 127.0.0.1
 * @param kafkaPort        the Kafka broker's port on 127.0.0.1
 * @param servicePorts     each service's HTTP port, by service name
 * @param repositoriesFile the declared repositories file, or {@code null} for none
 * @param extraProperties  further Spring properties given to every service
 */
public record StandaloneSettings(Path home, int postgresPort, int kafkaPort, Map<String, Integer> servicePorts,
                                 Path repositoriesFile, Map<String, String> extraProperties) {

    /** The services and their default ports, in the order they start. */
    public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

    public StandaloneSettings {
        Objects.requireNonNull(home, "home");
        servicePorts = Map.copyOf(servicePorts);
        extraProperties = Map.copyOf(extraProperties);
        for (String service : DEFAULT_PORTS.keySet()) {
            if (!servicePorts.containsKey(service)) {
                throw new IllegalArgumentException("no port for service " + service);
            }
        }
    }

    /**
     * Settings from the environment: {@code SLIPWAY_HOME}, {@code SLIPWAY_POSTGRES_PORT} (5433),
     * {@code SLIPWAY_KAFKA_PORT} (9092), {@code SLIPWAY_<SERVICE>_PORT} and
     * {@code SLIPWAY_REPOSITORIES}.
     */
    public static StandaloneSettings fromEnvironment(Map<String, String> env) {
        String home = env.get("SLIPWAY_HOME");
        Path homePath = home == null || home.isBlank()
                ? Path.of(System.getProperty("user.home"), ".slipway")
                : Path.of(home);
        Map<String, Integer> ports = new LinkedHashMap<>();
        DEFAULT_PORTS.forEach((service, port) ->
                ports.put(service, port(env, "SLIPWAY_" + service.toUpperCase() + "_PORT", port)));
        String repositories = env.get("SLIPWAY_REPOSITORIES");
        return new StandaloneSettings(homePath.toAbsolutePath(), port(env, "SLIPWAY_POSTGRES_PORT", 5433),
                port(env, "SLIPWAY_KAFKA_PORT", 9092), ports,
                repositories == null || repositories.isBlank() ? null : Path.of(repositories), Map.of());
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number from 1 to 65535, was '" + value + "'");
        }
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("history", 8080);
        ports.put("ingestion", 8081);
        ports.put("filtering", 8082);
        ports.put("execution", 8083);
        ports.put("releases", 8084);
        ports.put("credentials", 8085);
        return java.util.Collections.unmodifiableMap(ports);
    }
}
