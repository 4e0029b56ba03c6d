package dev.slipway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    /** A temporary server for the tests that need one but not a fresh one; each initdb costs seconds of CPU. */
    private static PostgresServer shared;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSharedServer() {
        shared = PostgresServer.builder().database("builds_test").start();
    }

    @AfterAll
    static void stopSharedServer() {
        shared.close();
    }

    @Test
    void keepsCommittedRowsWhenRestartedOnTheSameDataDirectory() throws Exception {
        // Verifies that a persistent server keeps a committed row across a restart on the same data directory, with binaries unpacked where asked.
        Path data = temp.resolve("pgdata");
        Path binaries = temp.resolve("binaries");
        try (PostgresServer first = PostgresServer.builder().dataDirectory(data).binariesDirectory(binaries).start()) {
            execute(first, "CREATE TABLE delivery (id text PRIMARY KEY)");
            execute(first, "INSERT INTO delivery VALUES ('d-1')");
        }

        try (PostgresServer second = PostgresServer.builder().dataDirectory(data).binariesDirectory(binaries).start()) {
            assertThat(second.dataDirectory()).isEqualTo(data.toAbsolutePath());
            assertThat(queryString(second, "SELECT id FROM delivery")).isEqualTo("d-1");
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        try (var unpacked = Files.list(binaries)) {
            assertThat(unpacked).anySatisfy(dir -> assertThat(dir.resolve("bin/postgres")).isExecutable());
        }
        // zonky opens its working directory to everyone; one of our own must not stay that way
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries))).isEqualTo("rwxr-xr-x");
    }

    @Test
    void runsTwoTemporaryServersAtOnceAndDeletesTheirDataOnClose() throws SQLException {
        // Verifies that two temporary servers run side by side on free ports and that close removes their data.
        Path data;
        try (PostgresServer second = PostgresServer.builder().start()) {
            data = second.dataDirectory();
            assertThat(second.port()).isNotEqualTo(shared.port());
            assertThat(data).isNotEqualTo(shared.dataDirectory());
            execute(second, "CREATE TABLE only_in_second (x int)");
            assertThat(queryString(shared, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_second'"))
                    .isEqualTo("0");
            assertThat(data).exists();
        }
        assertThat(data).doesNotExist();
        assertThat(queryString(shared, "SELECT 'still up'")).isEqualTo("still up");
    }

    @Test
    void createsTheRequestedDatabaseAndConnectsAsPostgresWithoutPassword() throws SQLException {
        // Verifies that start creates the named database and that jdbcUrl plus username is all a client needs.
        assertThat(shared.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + shared.port() + "/builds_test");
        assertThat(shared.username()).isEqualTo("postgres");
        assertThat(queryString(shared, "SELECT current_database() || ' ' || current_user"))
                .isEqualTo("builds_test postgres");
    }

    @Test
    void makesPersistentDataDurableAndTemporaryDataFast() throws SQLException {
        // Verifies that fsync and synchronous_commit are on for a persistent server and off for a temporary one.
        try (PostgresServer persistent = PostgresServer.builder().dataDirectory(temp.resolve("durable")).start()) {
            assertThat(queryString(persistent, "SELECT current_setting('fsync') || ' ' || current_setting('synchronous_commit')"))
                    .isEqualTo("on on");
        }
        assertThat(queryString(shared, "SELECT current_setting('fsync') || ' ' || current_setting('synchronous_commit')"))
                .isEqualTo("off off");
    }

    @Test
    void runsPostgresAsAnUnprivilegedUidWhileItsFilesStayOwnedByRoot() throws Exception {
        // Verifies that, when the JVM is root, PostgreSQL sees itself as uid 65534 yet writes root-owned files.
        assumeTrue(RootExecution.currentUid() == 0, "only meaningful when the JVM runs as root");
        try (Connection connection = connect(shared); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE whoami (uid text)");
            statement.execute("COPY whoami FROM PROGRAM 'id -u'");
            try (ResultSet row = statement.executeQuery("SELECT uid FROM whoami")) {
                row.next();
                assertThat(row.getString(1)).isEqualTo("65534");
            }
        }
        assertThat(Files.getOwner(shared.dataDirectory().resolve("PG_VERSION")).getName()).isEqualTo("root");
    }

    @Test
    void stopsAServerLeftRunningByAKilledJvmAndTakesOverItsData() throws Exception {
        // Verifies that a server orphaned by a JVM that died without shutdown hooks is stopped and its data reused.
        Path data = temp.resolve("orphaned");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), AbandonedPostgres.class.getName(), data.toString())
                .redirectErrorStream(true)
                .redirectOutput(temp.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("child JVM exits").isTrue();
        assertThat(Files.readString(temp.resolve("child.log"))).contains("port=");
        ProcessHandle orphan = DataDirectoryClaim.orphanedPostmaster(data.toAbsolutePath()).orElseThrow(
                () -> new AssertionError("the child JVM left no running postgres behind"));

        try (PostgresServer server = PostgresServer.builder().dataDirectory(data).start()) {
            assertThat(orphan.isAlive()).isFalse();
            assertThat(queryString(server, "SELECT id FROM survivor")).isEqualTo("written before the crash");
        }
    }

    @Test
    void refusesADataDirectoryThatAnotherServerIsUsing() {
        // Verifies that a second server on a data directory in use fails at once instead of waiting for a start that cannot happen.
        Path data = temp.resolve("shared");
        try (PostgresServer first = PostgresServer.builder().dataDirectory(data).start()) {
            assertThatThrownBy(() -> PostgresServer.builder().dataDirectory(data).start())
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("in use");
            assertThat(first.dataSource()).isNotNull();
        }
    }

    @Test
    void refusesAFixedPortThatIsAlreadyTaken() throws Exception {
        // Verifies that a fixed port someone else listens on is refused with a message naming the port.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> PostgresServer.builder().port(port).start())
                    .isInstanceOf(EmbeddedServerException.class)
                    .hasMessageContaining("port " + port);
        }
    }

    @Test
    void rejectsADatabaseNameThatWouldNeedQuoting() {
        // Verifies that database names are limited to what can be created without SQL injection.
        assertThatThrownBy(() -> PostgresServer.builder().database("x\"; DROP DATABASE postgres; --"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("database name");
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), "");
    }

    private static void execute(PostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryString(PostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server);
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            assertThat(row.next()).as("a row from %s", sql).isTrue();
            return row.getString(1);
        }
    }
}
