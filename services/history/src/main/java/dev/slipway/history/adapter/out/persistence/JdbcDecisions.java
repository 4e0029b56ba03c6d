package dev.slipway.history.adapter.out.persistence;

import dev.slipway.history.application.port.in.DecisionQuery;
import dev.slipway.history.application.port.out.DecisionReader;
import dev.slipway.history.application.port.out.DecisionStore;
import dev.slipway.history.domain.Decision;
import dev.slipway.history.domain.GitRef;
import dev.slipway.model.build.DecisionRecord.StepDecision;
import dev.slipway.model.build.DecisionRecord.Verdict;
import dev.slipway.model.build.LintProblem;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Filtering's decisions in PostgreSQL. A decision is written once, by an insert that does nothing
 * on conflict, so the first trigger for a delivery stands and redeliveries change nothing. Steps
 * and lint problems are kept as JSON, since they are only ever shown whole.
 */
@Repository
class JdbcDecisions implements DecisionStore, DecisionReader {

    private static final String COLUMNS = """
            id, repository_id, repository_name, delivery_id, event, ref, commit_sha, verdict, rule, reason, steps,
            problems, build_id, build_number, decided_at""";

    private static final TypeReference<List<StepDecision>> STEPS = new TypeReference<>() { };
    private static final TypeReference<List<LintProblem>> PROBLEMS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    JdbcDecisions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(Decision decision) {
        jdbc.sql("""
                insert into decisions (id, repository_id, repository_name, delivery_id, event, ref, branch, tag,
                                       commit_sha, verdict, rule, reason, steps, problems, build_id, build_number,
                                       decided_at)
                values (:id, :repositoryId, :repositoryName, :deliveryId, :event, :ref, :branch, :tag,
                        :commitSha, :verdict, :rule, :reason, cast(:steps as jsonb), cast(:problems as jsonb),
                        :buildId, :buildNumber, :decidedAt)
                on conflict do nothing""")
                .param("id", decision.id())
                .param("repositoryId", decision.repositoryId())
                .param("repositoryName", decision.repositoryName())
                .param("deliveryId", decision.deliveryId())
                .param("event", decision.event())
                .param("ref", decision.ref().name())
                .param("branch", decision.ref().branch().orElse(null))
                .param("tag", decision.ref().tag().orElse(null))
                .param("commitSha", decision.commitSha())
                .param("verdict", decision.verdict().wireName())
                .param("rule", decision.rule())
                .param("reason", decision.reason())
                .param("steps", json.writeValueAsString(decision.steps()))
                .param("problems", json.writeValueAsString(decision.problems()))
                .param("buildId", decision.buildId())
                .param("buildNumber", decision.buildNumber())
                .param("decidedAt", OffsetDateTime.ofInstant(decision.decidedAt(), ZoneOffset.UTC))
                .update();
    }

    @Override
    public List<Decision> decisions(DecisionQuery query, int max) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from decisions where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.repository() != null) {
            sql.append(query.repository().isId() ? " and repository_id = :repo" : " and repository_name = :repo");
            params.put("repo", query.repository().value());
        }
        if (query.verdict() != null) {
            sql.append(" and verdict = :verdict");
            params.put("verdict", query.verdict().wireName());
        }
        if (query.since() != null) {
            sql.append(" and decided_at >= :since");
            params.put("since", OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC));
        }
        if (query.after() != null) {
            sql.append(" and (decided_at, id) < (:afterDecidedAt, :afterId)");
            params.put("afterDecidedAt", OffsetDateTime.ofInstant(query.after().createdAt(), ZoneOffset.UTC));
            params.put("afterId", query.after().id());
        }
        sql.append(" order by decided_at desc, id desc limit :max");
        params.put("max", max);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> decision(rs)).list();
    }

    @Override
    public Optional<Decision> decision(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from decisions where id = :id")
                .param("id", id)
                .query((rs, n) -> decision(rs))
                .optional();
    }

    @Override
    public Optional<Decision> decisionOfBuild(UUID buildId) {
        return jdbc.sql("select " + COLUMNS + " from decisions where build_id = :buildId")
                .param("buildId", buildId)
                .query((rs, n) -> decision(rs))
                .optional();
    }

    private Decision decision(ResultSet rs) throws SQLException {
        return new Decision(rs.getObject("id", UUID.class), rs.getString("repository_id"),
                rs.getString("repository_name"), rs.getString("delivery_id"), rs.getString("event"),
                new GitRef(rs.getString("ref")), rs.getString("commit_sha"),
                Verdict.fromWireName(rs.getString("verdict")), rs.getString("rule"), rs.getString("reason"),
                json.readValue(rs.getString("steps"), STEPS), json.readValue(rs.getString("problems"), PROBLEMS),
                rs.getObject("build_id", UUID.class), rs.getObject("build_number", Long.class),
                rs.getObject("decided_at", OffsetDateTime.class).toInstant());
    }
}
