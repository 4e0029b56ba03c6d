package dev.slipway.execution.adapter.out.persistence;

import dev.slipway.execution.application.port.out.RunRepository;
import dev.slipway.execution.domain.Lease;
import dev.slipway.execution.domain.Run;
import dev.slipway.execution.domain.RunState;
import dev.slipway.model.build.BuildStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Runs in table {@code runs}. */
@Repository
class JdbcRunRepository implements RunRepository {

    private static final String COLUMNS = """
            build_id, repository_id, repository_name, build_number, clone_url, commit_sha, ref, state, executor_id,
            correlation_id, request_event_id, created_at, attempts""";

    private final JdbcClient jdbc;

    JdbcRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insertIfAbsent(Run run) {
        return jdbc.sql("""
                        insert into runs (build_id, repository_id, repository_name, build_number, clone_url, commit_sha,
                                          ref, state, correlation_id, request_event_id, created_at)
                        values (:buildId, :repositoryId, :repositoryName, :buildNumber, :cloneUrl, :commitSha,
                                :ref, 'queued', :correlationId, :requestEventId, :createdAt)
                        on conflict (build_id) do nothing""")
                .param("buildId", run.buildId())
                .param("repositoryId", run.repositoryId())
                .param("repositoryName", run.repositoryName())
                .param("buildNumber", run.buildNumber())
                .param("cloneUrl", run.cloneUrl())
                .param("commitSha", run.commitSha())
                .param("ref", run.ref())
                .param("correlationId", run.correlationId())
                .param("requestEventId", run.requestEventId())
                .param("createdAt", Timestamp.from(run.createdAt()))
                .update() == 1;
    }

    @Override
    public Optional<Run> claimOldestQueued(String executorId, Instant now) {
        // skip locked: executors sharing the table never wait for, or take, each other's claim.
        return jdbc.sql("""
                        update runs set state = 'running', executor_id = :executor, started_at = :now,
                                        heartbeat_at = :now, attempts = attempts + 1
                        where build_id = (select build_id from runs where state = 'queued'
                                          order by created_at, build_id limit 1 for update skip locked)
                        returning\s""" + COLUMNS)
                .param("executor", executorId)
                .param("now", Timestamp.from(now))
                .query(JdbcRunRepository::run)
                .optional();
    }

    @Override
    public Set<UUID> heartbeat(Collection<Run> held, Instant now) {
        if (held.isEmpty()) {
            return Set.of();
        }
        // One statement for all: each run's id, executor and attempt as three arrays read side by side.
        List<Run> ordered = List.copyOf(held);
        return new HashSet<>(jdbc.sql("""
                        update runs r set heartbeat_at = :now
                        from unnest(cast(:ids as uuid[]), cast(:executors as text[]), cast(:attempts as int[]))
                             as held(build_id, executor_id, attempts)
                        where r.build_id = held.build_id and r.executor_id = held.executor_id
                          and r.attempts = held.attempts and r.state = 'running'
                        returning r.build_id""")
                .param("now", Timestamp.from(now))
                .param("ids", arrayLiteral(ordered.stream().map(run -> run.buildId().toString()).toList()))
                .param("executors", arrayLiteral(ordered.stream().map(Run::executorId).toList()))
                .param("attempts", arrayLiteral(ordered.stream().map(run -> Integer.toString(run.attempts())).toList()))
                .query((rs, n) -> rs.getObject("build_id", UUID.class))
                .list());
    }

    /** A PostgreSQL array literal of {@code values}, each quoted, for a cast to an array type. */
    private static String arrayLiteral(List<String> values) {
        return values.stream()
                .map(value -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    @Override
    public void recordImage(UUID buildId, String imageId) {
        jdbc.sql("update runs set image_id = :image where build_id = :id")
                .param("image", imageId)
                .param("id", buildId)
                .update();
    }

    @Override
    public void finish(UUID buildId, BuildStatus status, String reason, Instant now) {
        jdbc.sql("""
                        update runs set state = 'finished', final_status = :status, reason = :reason,
                                        finished_at = :now, heartbeat_at = :now
                        where build_id = :id""")
                .param("status", status.wireName())
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("id", buildId)
                .update();
    }

    @Override
    public boolean finishHeld(Run held, BuildStatus status, String reason, Instant now) {
        return jdbc.sql("""
                        update runs set state = 'finished', final_status = :status, reason = :reason,
                                        finished_at = :now, heartbeat_at = :now
                        where build_id = :id and state = 'running' and executor_id = :executor
                          and attempts = :attempts""")
                .param("status", status.wireName())
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("id", held.buildId())
                .param("executor", held.executorId())
                .param("attempts", held.attempts())
                .update() == 1;
    }

    @Override
    public List<LostRun> lockLost(Instant heartbeatBefore, int max) {
        // skip locked: a run that another sweeper is ending is neither waited for nor taken twice.
        return jdbc.sql("select " + COLUMNS + """
                        , heartbeat_at from runs
                        where state = 'running' and heartbeat_at < :before
                        order by heartbeat_at, build_id limit :max
                        for update skip locked""")
                .param("before", Timestamp.from(heartbeatBefore))
                .param("max", max)
                .query((rs, row) -> new LostRun(run(rs, row), lease(rs, row)))
                .list();
    }

    @Override
    public void requeue(UUID buildId) {
        jdbc.sql("""
                        update runs set state = 'queued', executor_id = null, heartbeat_at = null, started_at = null
                        where build_id = :id and state = 'running'""")
                .param("id", buildId)
                .update();
    }

    @Override
    public void recordPlan(UUID buildId, String planJson) {
        jdbc.sql("update runs set plan = :plan where build_id = :id")
                .param("plan", planJson)
                .param("id", buildId)
                .update();
    }

    @Override
    public Map<UUID, Lease> leases(Collection<UUID> buildIds) {
        Map<UUID, Lease> leases = new LinkedHashMap<>();
        if (buildIds.isEmpty()) {
            return leases;
        }
        jdbc.sql("select build_id, state, executor_id, heartbeat_at, attempts from runs where build_id in (:ids)")
                .param("ids", buildIds)
                .query(JdbcRunRepository::lease)
                // A list, not a stream: outside a transaction an unclosed stream keeps its connection from the pool.
                .list()
                .forEach(lease -> leases.put(lease.buildId(), lease));
        return leases;
    }

    private static Lease lease(ResultSet rs, int row) throws SQLException {
        Timestamp heartbeat = rs.getTimestamp("heartbeat_at");
        return new Lease(rs.getObject("build_id", UUID.class), RunState.fromColumnValue(rs.getString("state")),
                rs.getString("executor_id"), heartbeat == null ? null : heartbeat.toInstant(), rs.getInt("attempts"));
    }

    @Override
    public Optional<String> plan(UUID buildId) {
        return jdbc.sql("select plan from runs where build_id = :id")
                .param("id", buildId)
                .query((rs, n) -> Optional.ofNullable(rs.getString("plan")))
                .optional()
                .flatMap(plan -> plan);
    }

    @Override
    public CancelRequest requestCancel(UUID buildId, String reason, Instant now) {
        jdbc.sql("""
                        insert into cancel_requests (build_id, reason, requested_at) values (:id, :reason, :now)
                        on conflict (build_id) do nothing""")
                .param("id", buildId)
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .update();
        String firstReason = cancelReason(buildId).orElse(reason);
        // A claim locks the queued row first; this update then waits for it and finds the run running.
        Optional<Run> cancelled = jdbc.sql("""
                        update runs set state = 'finished', final_status = 'cancelled', reason = :reason,
                                        finished_at = :now
                        where build_id = :id and state = 'queued'
                        returning\s""" + COLUMNS)
                .param("reason", firstReason)
                .param("now", Timestamp.from(now))
                .param("id", buildId)
                .query(JdbcRunRepository::run)
                .optional();
        if (cancelled.isPresent()) {
            return new CancelRequest.CancelledWhileQueued(cancelled.get(), firstReason);
        }
        return jdbc.sql("select state, executor_id from runs where build_id = :id")
                .param("id", buildId)
                .query((rs, n) -> RunState.fromColumnValue(rs.getString("state")) == RunState.RUNNING
                        ? (CancelRequest) new CancelRequest.Running(rs.getString("executor_id"))
                        : new CancelRequest.AlreadyFinished())
                .optional()
                .orElseGet(CancelRequest.NoRunYet::new);
    }

    @Override
    public Optional<String> cancelReason(UUID buildId) {
        return jdbc.sql("select reason from cancel_requests where build_id = :id")
                .param("id", buildId)
                .query(String.class)
                .optional();
    }

    @Override
    public Map<UUID, String> cancelRequestsOfRunning(String executorId) {
        Map<UUID, String> requests = new LinkedHashMap<>();
        jdbc.sql("""
                        select c.build_id, c.reason from cancel_requests c join runs r on r.build_id = c.build_id
                        where r.state = 'running' and r.executor_id = :executor
                        order by c.requested_at""")
                .param("executor", executorId)
                .query(rs -> {
                    requests.put(rs.getObject("build_id", UUID.class), rs.getString("reason"));
                });
        return requests;
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getObject("build_id", UUID.class), rs.getString("repository_id"),
                rs.getString("repository_name"), rs.getLong("build_number"), rs.getString("clone_url"),
                rs.getString("commit_sha"), rs.getString("ref"), RunState.fromColumnValue(rs.getString("state")),
                rs.getString("executor_id"), rs.getString("correlation_id"),
                rs.getObject("request_event_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                rs.getInt("attempts"));
    }
}
