package dev.slipway.ingestion.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.ingestion.application.port.out.DeliveryStoreUnavailableException;
import dev.slipway.ingestion.application.port.out.NewDelivery;
import dev.slipway.ingestion.domain.Rejection;
import dev.slipway.ingestion.domain.Verdict;
import dev.slipway.messaging.outbox.JdbcOutbox;
import dev.slipway.model.codec.EventCodec;
import dev.slipway.model.scm.PushReceived;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The delivery log pointed at a port where no PostgreSQL listens: a real connection failure, not a mock. */
class JdbcDeliveryLogWithoutDatabaseTest {

    @Test
    void reportsTheStoreUnavailableWhenPostgresCannotBeReached() throws IOException {
        // Verifies that a refused connection becomes DeliveryStoreUnavailableException (answered 503), for every verdict.
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:postgresql://127.0.0.1:" + closedPort() + "/slipway?connectTimeout=2", "postgres", "");
        JdbcDeliveryLog log = new JdbcDeliveryLog(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
                new JdbcOutbox(new JdbcTemplate(dataSource), new EventCodec(), Clock.systemUTC(), () -> { }),
                new EventCodec(), new SimpleMeterRegistry(), 1);

        PushReceived push = new PushReceived("d-1", "github", "github:acme/app", "acme/app", "file:///srv/app.git",
                "refs/heads/main", null, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", null, List.of(), "ada");
        NewDelivery accepted = new NewDelivery("github", "d-1", "push", Map.of(), new byte[0], "acme/app",
                "github:acme/app", Verdict.ACCEPTED, null, null, push, Instant.now());
        NewDelivery rejected = new NewDelivery("github", "d-2", "push", Map.of(), new byte[0], "acme/app",
                "github:acme/app", Verdict.REJECTED, Rejection.BAD_SIGNATURE, "bad signature", null, Instant.now());

        try (log) {
            assertThatThrownBy(() -> log.record(accepted)).isInstanceOf(DeliveryStoreUnavailableException.class)
                    .hasMessageContaining("d-1");
            assertThatThrownBy(() -> log.record(rejected)).isInstanceOf(DeliveryStoreUnavailableException.class);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
