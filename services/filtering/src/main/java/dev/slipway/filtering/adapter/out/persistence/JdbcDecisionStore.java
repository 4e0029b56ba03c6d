package dev.slipway.filtering.adapter.out.persistence;

import dev.slipway.filtering.application.port.out.DecisionStore;
import dev.slipway.filtering.domain.Decision;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Decisions and build numbers in filtering's schema. */
@Component
class JdbcDecisionStore implements DecisionStore {

    private final JdbcClient jdbc;

    JdbcDecisionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Decision> findByDelivery(String repositoryId, String deliveryId) {
        return jdbc.sql("""
                        select repository_id, delivery_id, outcome, build_id, build_number, reason, decided_at
                        from decisions where repository_id = ? and delivery_id = ?""")
                .params(repositoryId, deliveryId)
                .query((rs, n) -> new Decision(rs.getString("repository_id"), rs.getString("delivery_id"),
                        Decision.Outcome.valueOf(rs.getString("outcome")), rs.getObject("build_id", UUID.class),
                        rs.getLong("build_number"), rs.getString("reason"),
                        rs.getTimestamp("decided_at").toInstant()))
                .optional();
    }

    @Override
    public long nextBuildNumber(String repositoryId) {
        // The row lock taken by the upsert serialises concurrent decisions of one repository, and
        // a rollback gives the number back: no gaps, no duplicates.
        return jdbc.sql("""
                        insert into build_numbers (repository_id, last_number) values (?, 1)
                        on conflict (repository_id) do update set last_number = build_numbers.last_number + 1
                        returning last_number""")
                .param(repositoryId)
                .query(Long.class)
                .single();
    }

    @Override
    public void save(Decision d) {
        jdbc.sql("""
                        insert into decisions (repository_id, delivery_id, outcome, build_id, build_number, reason,
                                               decided_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(d.repositoryId(), d.deliveryId(), d.outcome().name(), d.buildId(),
                        d.buildNumber() == 0 ? null : d.buildNumber(), d.reason(), Timestamp.from(d.decidedAt()))
                .update();
    }
}
