package dev.slipway.filtering.adapter.out.persistence;

import dev.slipway.filtering.application.port.out.DecisionStore;
import dev.slipway.filtering.domain.Decision;
import dev.slipway.model.build.DecisionRecord;
import dev.slipway.model.build.LintProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Decisions and build numbers in filtering's schema; each step's match and each problem as JSON. */
@Component
class JdbcDecisionStore implements DecisionStore {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<List<DecisionRecord.StepDecision>> STEPS = new TypeReference<>() {
    };
    private static final TypeReference<List<LintProblem>> PROBLEMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    JdbcDecisionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Decision> findByDelivery(String repositoryId, String deliveryId) {
        return jdbc.sql("""
                        select repository_id, delivery_id, outcome, build_id, build_number, event, ref, commit_sha,
                               rule, reason, steps::text as steps, problems::text as problems, decided_at,
                               release_tags
                        from decisions where repository_id = ? and delivery_id = ?""")
                .params(repositoryId, deliveryId)
                .query((rs, n) -> decision(rs))
                .optional();
    }

    private static Decision decision(ResultSet rs) throws SQLException {
        Decision.Outcome outcome = Decision.Outcome.valueOf(rs.getString("outcome"));
        DecisionRecord.Verdict verdict = switch (outcome) {
            case BUILD -> DecisionRecord.Verdict.RUN;
            case SKIP -> DecisionRecord.Verdict.SKIP;
            case ERROR -> DecisionRecord.Verdict.ERROR;
        };
        return new Decision(rs.getString("repository_id"), rs.getString("delivery_id"), outcome,
                rs.getObject("build_id", UUID.class), rs.getLong("build_number"), rs.getString("event"),
                rs.getString("ref"), rs.getString("commit_sha"),
                new DecisionRecord(verdict, rs.getString("rule"), rs.getString("reason"),
                        JSON.readValue(rs.getString("steps"), STEPS)),
                JSON.readValue(rs.getString("problems"), PROBLEMS), rs.getTimestamp("decided_at").toInstant(),
                List.of((String[]) rs.getArray("release_tags").getArray()));
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
                        insert into decisions (repository_id, delivery_id, outcome, build_id, build_number, event, ref,
                                               commit_sha, rule, reason, steps, problems, decided_at, release_tags)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)""")
                .params(d.repositoryId(), d.deliveryId(), d.outcome().name(), d.buildId(),
                        d.buildNumber() == 0 ? null : d.buildNumber(), d.event(), d.ref(), d.commitSha(), d.rule(),
                        d.reason(), JSON.writeValueAsString(d.record().steps()),
                        JSON.writeValueAsString(d.problems()), Timestamp.from(d.decidedAt()),
                        d.releaseTags().toArray(String[]::new))
                .update();
    }
}
