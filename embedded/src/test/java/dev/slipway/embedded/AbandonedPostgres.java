package dev.slipway.embedded;

import java.nio.file.Path;

/**
 * Run in a child JVM by {@link PostgresServerTest}: starts a persistent server, writes a row, and
 * halts the JVM without running shutdown hooks, as a SIGKILL or the OOM killer would.
 */
public final class AbandonedPostgres {

    private AbandonedPostgres() {
    }

    public static void main(String[] args) throws Exception {
        PostgresServer server = PostgresServer.builder().dataDirectory(Path.of(args[0])).start();
        try (var connection = server.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE survivor (id text)");
            statement.execute("INSERT INTO survivor VALUES ('written before the crash')");
        }
        System.out.println("port=" + server.port());
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
