package dev.slipway.history.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.messaging.MessagingAutoConfiguration;
import dev.slipway.testkit.infra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How {@code log_chunks} keeps a build's output, against the real PostgreSQL (schema
 * {@code history}, migrated here as the service would). Every test uses a build id of its own.
 */
class JdbcBuildHistoryLogTest {

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static JdbcBuildHistory history;

    @BeforeAll
    static void migrate() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestInfrastructure.jdbcUrl("history"));
        dataSource.setUsername(TestInfrastructure.postgres().username());
        dataSource.setMaximumPoolSize(2);
        Flyway.configure().dataSource(dataSource).schemas("history").defaultSchema("history")
                .locations(MessagingAutoConfiguration.MIGRATIONS, "classpath:db/migration/history").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        history = new JdbcBuildHistory(jdbc);
    }

    @AfterAll
    static void closeDataSource() {
        dataSource.close();
    }

    @Test
    void aChunkOfTwoThousandLinesIsStoredCompressedAndReadBackLineForLine() {
        UUID build = UUID.randomUUID();
        List<String> lines = IntStream.rangeClosed(1, 2_000)
                .mapToObj(i -> "line " + i + " of 1000000: the quick brown fox jumps over the lazy dog")
                .toList();
        int utf8 = lines.stream().mapToInt(l -> l.getBytes(StandardCharsets.UTF_8).length).sum();

        history.recordLogChunk(new BuildLogChunk(build, 0, "test", lines));

        Map<String, Object> row = jdbc.sql("""
                select lines is null as no_text_array, packed_compression, octet_length(packed) as stored,
                       pg_column_compression(packed) as postgres_compression
                from log_chunks where build_id = ?""").param(build).query().singleRow();
        assertThat(row.get("no_text_array")).isEqualTo(true);
        assertThat(row.get("packed_compression")).isEqualTo("lz4");
        assertThat(((Number) row.get("stored")).intValue()).isLessThan(utf8 / 3);
        assertThat(row.get("postgres_compression")).as("PostgreSQL does not compress it again").isNull();
        assertThat(history.logChunks(build, 0, 10)).containsExactly(new BuildLogChunk(build, 0, "test", lines));
    }

    @Test
    void chunksStoredAsTextArraysBeforeThePackingAreStillRead() {
        UUID build = UUID.randomUUID();
        jdbc.sql("insert into log_chunks (build_id, sequence, step, lines) values (?, 0, 'test', ?)")
                .params(build, new String[] {"stored", "before", "the packing"}).update();
        history.recordLogChunk(new BuildLogChunk(build, 1, "test", List.of("and after", "it")));

        assertThat(history.logChunks(build, 0, 10)).containsExactly(
                new BuildLogChunk(build, 0, "test", List.of("stored", "before", "the packing")),
                new BuildLogChunk(build, 1, "test", List.of("and after", "it")));
    }

    @Test
    void aRedeliveredChunkChangesNothing() {
        UUID build = UUID.randomUUID();
        history.recordLogChunk(new BuildLogChunk(build, 0, "test", List.of("first")));
        history.recordLogChunk(new BuildLogChunk(build, 0, "test", List.of("again, altered")));

        assertThat(history.logChunks(build, 0, 10)).containsExactly(new BuildLogChunk(build, 0, "test", List.of("first")));
    }
}
