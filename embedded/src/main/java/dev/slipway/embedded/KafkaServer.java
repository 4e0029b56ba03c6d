package dev.slipway.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker (Apache Kafka 4.1, KRaft mode) running inside this JVM, for the standalone
 * platform and for tests.
 *
 * <ul>
 *   <li>One node, id {@value #NODE_ID}, is both broker and controller. It listens on 127.0.0.1 only:
 *       clients use the PLAINTEXT listener at {@link #bootstrapServers()}; the controller listener
 *       has a port of its own that nobody else needs.
 *   <li>Single-node settings: every replication factor and min-ISR is 1, topics are created on
 *       first use with 3 partitions, and a consumer group's first rebalance is not delayed.
 *   <li>{@link Builder#start()} formats the log directory when it is not formatted yet (a new
 *       cluster id), and returns once the broker is registered and unfenced, that is, ready for
 *       clients.
 *   <li>With {@link Builder#logDirectory(Path)} the log persists: a broker started later on the
 *       same directory has the same cluster id and every record and committed offset written before.
 *       The ports may differ between runs. Without one, the log lives in a new temporary directory
 *       that {@link #close()} deletes.
 *   <li>{@link #close()} shuts the broker down cleanly (controlled shutdown, logs flushed), waits
 *       until it is down, and may be called more than once. If the owner never closes it, a JVM
 *       shutdown hook does.
 *   <li>Once started, an instance is immutable apart from {@link #close()}; it is safe to share
 *       between threads. Several brokers may run in one JVM, each on its own directory.
 * </ul>
 *
 * <p>A fatal fault inside the broker (a corrupt metadata log, say) halts the JVM, as it does in a
 * stand-alone Kafka; that is Kafka's policy, and it is not changed here.
 */
public final class KafkaServer implements AutoCloseable {

    /** The node id of the only broker and controller. */
    public static final int NODE_ID = 1;

    private static final Logger log = LoggerFactory.getLogger(KafkaServer.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String CLIENT_LISTENER = "PLAINTEXT";
    private static final int START_ATTEMPTS_ON_FREE_PORTS = 3;

    private final KafkaRaftServer server;
    private final Path logDirectory;
    private final boolean persistent;
    private final int port;
    private final String clusterId;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private KafkaServer(KafkaRaftServer server, Path logDirectory, boolean persistent, int port, String clusterId,
                        boolean stopOnExit) {
        this.server = server;
        this.logDirectory = logDirectory;
        this.persistent = persistent;
        this.port = port;
        this.clusterId = clusterId;
        this.shutdownHook = stopOnExit ? new Thread(this::stop, "kafka-" + port + "-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** A builder for a broker on a temporary log directory and free ports. */
    public static Builder builder() {
        return new Builder();
    }

    /** The value for a client's {@code bootstrap.servers}: {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The port of the PLAINTEXT listener that clients connect to. */
    public int port() {
        return port;
    }

    /** The cluster id written when the log directory was formatted; stable for a persistent directory. */
    public String clusterId() {
        return clusterId;
    }

    /** Where the broker keeps its metadata log and its topics. */
    public Path logDirectory() {
        return logDirectory;
    }

    /** Whether the log outlives {@link #close()}. */
    public boolean isPersistent() {
        return persistent;
    }

    /**
     * Shuts the broker down, waits until it is down and, for a temporary broker, deletes its log.
     * Does nothing the second time.
     */
    @Override
    public void close() {
        stop();
        try {
            if (shutdownHook != null) {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to; stop() is idempotent
        }
    }

    private void stop() {
        if (closed.getAndSet(true)) {
            return;
        }
        long started = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker on {} stopped in {} ms", bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
        if (!persistent) {
            try {
                Directories.deleteRecursively(logDirectory);
            } catch (IOException e) {
                log.warn("Could not delete the temporary Kafka log directory {}", logDirectory, e);
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaServer[" + bootstrapServers() + ", cluster " + clusterId + ", "
                + (persistent ? "persistent " : "temporary ") + logDirectory + "]";
    }

    /** How to start a {@link KafkaServer}. Not thread-safe; use one builder per start. */
    public static final class Builder {

        private Path logDirectory;
        private int port;
        private int controllerPort;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private IntSupplier freePorts = LocalPorts::free;
        private boolean stopOnExit = true;

        private Builder() {
        }

        /**
         * Whether the broker stops by itself when the JVM exits (the default). An owner that stops
         * it in an order of its own, after what uses it, turns this off: the JVM runs every
         * shutdown hook at once, so the broker would otherwise stop under its clients.
         */
        public Builder stopOnJvmExit(boolean stop) {
            this.stopOnExit = stop;
            return this;
        }

        /**
         * Keeps the log in {@code directory}, formatted on first use and reused as it is after that.
         * Without this call the log is temporary.
         */
        public Builder logDirectory(Path directory) {
            this.logDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Keeps the log in a new temporary directory that {@link KafkaServer#close()} deletes (the default). */
        public Builder temporaryLogDirectory() {
            this.logDirectory = null;
            return this;
        }

        /** The port of the PLAINTEXT listener for clients; 0, the default, picks a free one. */
        public Builder port(int port) {
            LocalPorts.requireValid(port);
            this.port = port;
            return this;
        }

        /** The port of the controller listener; 0, the default, picks a free one. */
        public Builder controllerPort(int port) {
            LocalPorts.requireValid(port);
            this.controllerPort = port;
            return this;
        }

        /**
         * Sets one broker property, over the defaults described on {@link KafkaServer}. Listeners,
         * roles, node id and log directory belong to this class and cannot be overridden.
         */
        public Builder property(String name, String value) {
            if (Config.OWNED.contains(name)) {
                throw new IllegalArgumentException("'" + name + "' is set by KafkaServer itself; use its builder methods");
            }
            overrides.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Where ports come from when none was given; tests replace it to force a port clash. */
        Builder freePorts(IntSupplier freePorts) {
            this.freePorts = freePorts;
            return this;
        }

        /**
         * Formats the log directory if needed, starts the broker and waits until it serves clients.
         *
         * @throws EmbeddedServerException if it cannot start; the message says why
         */
        public KafkaServer start() {
            requireFreeIfFixed(port, "client");
            requireFreeIfFixed(controllerPort, "controller");
            boolean persistent = logDirectory != null;
            Path directory = persistent
                    ? Directories.createPersistent(logDirectory, "Kafka log")
                    : Directories.createTemporary("slipway-kafka-");
            try {
                return startOn(directory, persistent);
            } catch (RuntimeException e) {
                if (!persistent) {
                    deleteQuietly(directory);
                }
                throw e;
            }
        }

        private KafkaServer startOn(Path directory, boolean persistent) {
            boolean portsChosenHere = port == 0 || controllerPort == 0;
            for (int attempt = 1; ; attempt++) {
                int clientPort = port != 0 ? port : freePorts.getAsInt();
                int quorumPort = controllerPort != 0 ? controllerPort : differentFreePort(clientPort);
                KafkaConfig config = Config.parse(directory, clientPort, quorumPort, overrides);
                String clusterId = formatIfNeeded(config, directory);
                long started = System.nanoTime();
                KafkaRaftServer server;
                try {
                    server = new KafkaRaftServer(config, Time.SYSTEM);
                } catch (RuntimeException e) {
                    throw new EmbeddedServerException("Kafka could not open its log directory " + directory
                            + ". If another broker uses it, stop that one first.", e);
                }
                try {
                    server.startup();
                } catch (Throwable e) {
                    shutDownQuietly(server);
                    if (portsChosenHere && attempt < START_ATTEMPTS_ON_FREE_PORTS && isBindFailure(e)) {
                        log.info("A port chosen for Kafka was taken before the broker bound it; trying other ports");
                        continue;
                    }
                    throw new EmbeddedServerException("Kafka did not start (client port " + clientPort
                            + ", controller port " + quorumPort + ", log directory " + directory + ")", e);
                }
                KafkaServer kafka = new KafkaServer(server, directory, persistent, clientPort, clusterId, stopOnExit);
                log.info("Kafka broker started in {} ms: {}", (System.nanoTime() - started) / 1_000_000, kafka);
                return kafka;
            }
        }

        private int differentFreePort(int taken) {
            int candidate = freePorts.getAsInt();
            for (int i = 0; candidate == taken && i < 10; i++) {
                candidate = freePorts.getAsInt();
            }
            return candidate;
        }

        private static void requireFreeIfFixed(int port, String listener) {
            if (port != 0 && !LocalPorts.isFree(port)) {
                throw new EmbeddedServerException("Cannot start Kafka with its " + listener + " listener on port " + port
                        + ": something already listens there. Choose another port, or 0 for any free one.");
            }
        }
    }

    /**
     * Formats a log directory that has no {@code meta.properties} yet, as {@code kafka-storage.sh
     * format} would, with a new random cluster id, and returns the directory's cluster id. A
     * formatted directory is left alone, so a persistent broker keeps its cluster id.
     */
    private static String formatIfNeeded(KafkaConfig config, Path directory) {
        Path metaProperties = directory.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
        if (!Files.exists(metaProperties)) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                new Formatter()
                        .setPrintStream(printStream)
                        .setNodeId(NODE_ID)
                        .setClusterId(Uuid.randomUuid().toString())
                        .setControllerListenerName(CONTROLLER_LISTENER)
                        .setMetadataLogDirectory(config.metadataLogDir())
                        .addDirectory(directory.toString())
                        .setHasDynamicQuorum(false)
                        .run();
            } catch (Exception e) {
                throw new EmbeddedServerException("Could not format the Kafka log directory " + directory
                        + ": " + output.toString(StandardCharsets.UTF_8).strip(), e);
            }
            log.debug("Formatted {}: {}", directory, output.toString(StandardCharsets.UTF_8).strip());
        }
        try {
            Properties properties = PropertiesUtils.readPropertiesFile(metaProperties.toString());
            return new MetaProperties.Builder(properties).build().clusterId().orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedServerException("Could not read the cluster id from " + metaProperties
                    + "; the directory may not belong to a Kafka broker", e);
        }
    }

    private static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException
                    || (cause.getMessage() != null && cause.getMessage().contains("failed to bind"))) {
                return true;
            }
        }
        return false;
    }

    private static void shutDownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.debug("Shutting down a broker that failed to start also failed", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            log.warn("Could not delete the temporary Kafka log directory {}", directory, e);
        }
    }

    /** The broker configuration: single node, loopback only, combined roles. */
    private static final class Config {

        static final Set<String> OWNED = Set.of(
                "process.roles", "node.id", "broker.id", "listeners", "advertised.listeners",
                "listener.security.protocol.map", "controller.listener.names", "inter.broker.listener.name",
                "controller.quorum.voters", "controller.quorum.bootstrap.servers", "log.dirs", "log.dir",
                "metadata.log.dir");

        static KafkaConfig parse(Path directory, int clientPort, int controllerPort, Map<String, String> overrides) {
            try {
                return KafkaConfig.fromProps(properties(directory, clientPort, controllerPort, overrides), false);
            } catch (RuntimeException e) {
                throw new EmbeddedServerException("The Kafka broker configuration is invalid; check the properties"
                        + " set through KafkaServer.Builder.property: " + overrides, e);
            }
        }

        static Properties properties(Path directory, int clientPort, int controllerPort, Map<String, String> overrides) {
            Properties p = new Properties();
            p.setProperty("process.roles", "broker,controller");
            p.setProperty("node.id", Integer.toString(NODE_ID));
            p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
            p.setProperty("listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort + ","
                    + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
            p.setProperty("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + clientPort);
            p.setProperty("listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            p.setProperty("controller.listener.names", CONTROLLER_LISTENER);
            p.setProperty("inter.broker.listener.name", CLIENT_LISTENER);
            p.setProperty("log.dirs", directory.toString());

            p.setProperty("num.partitions", "3");
            p.setProperty("auto.create.topics.enable", "true");
            p.setProperty("default.replication.factor", "1");
            p.setProperty("min.insync.replicas", "1");
            p.setProperty("offsets.topic.replication.factor", "1");
            p.setProperty("transaction.state.log.replication.factor", "1");
            p.setProperty("transaction.state.log.min.isr", "1");
            p.setProperty("share.coordinator.state.topic.replication.factor", "1");
            p.setProperty("share.coordinator.state.topic.min.isr", "1");
            p.setProperty("group.initial.rebalance.delay.ms", "0");
            // The log cleaner (which compacts __consumer_offsets) would otherwise take 128 MB of heap.
            p.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
            overrides.forEach(p::setProperty);
            return p;
        }
    }
}
