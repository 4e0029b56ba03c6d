package dev.slipway.history.adapter.out.persistence;

import dev.slipway.history.application.port.in.BuildQuery;
import dev.slipway.history.application.port.out.BuildHistoryReader;
import dev.slipway.history.application.port.out.BuildHistoryStore;
import dev.slipway.history.domain.Build;
import dev.slipway.history.domain.BuildLogChunk;
import dev.slipway.history.domain.BuildStep;
import dev.slipway.history.domain.BuiltImage;
import dev.slipway.history.domain.FinishedBuild;
import dev.slipway.history.domain.FinishedStep;
import dev.slipway.history.domain.PushedImage;
import dev.slipway.history.domain.RequestedBuild;
import dev.slipway.history.domain.StartedBuild;
import dev.slipway.history.domain.StartedStep;
import dev.slipway.history.domain.StepStatus;
import dev.slipway.messaging.jdbc.Lz4Block;
import dev.slipway.model.build.BuildStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The history's builds in PostgreSQL. Every write is one {@code insert ... on conflict do update}
 * whose update clause encodes the merge rules of {@link BuildHistoryStore}, so that concurrent
 * consumers of different topics touching the same build serialise on its row and the result does
 * not depend on which came first.
 */
@Repository
class JdbcBuildHistory implements BuildHistoryStore, BuildHistoryReader {

    private static final String BUILD_COLUMNS = """
            id, repository_id, repository_name, build_number, commit_sha, ref, branch, tag, event, delivery_id,
            status, reason, executor, created_at, started_at, finished_at""";

    private final JdbcClient jdbc;

    JdbcBuildHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void recordRequested(RequestedBuild build) {
        // The request is the build's birth: its time replaces whatever earlier event stood in for it.
        // The status is left alone: whatever arrived before the request is at least queued.
        jdbc.sql("""
                insert into builds (id, repository_id, repository_name, build_number, commit_sha, ref, branch, tag,
                                    event, delivery_id, status, requested, created_at)
                values (:id, :repositoryId, :repositoryName, :number, :commitSha, :ref, :branch, :tag,
                        :event, :deliveryId, 'queued', true, :createdAt)
                on conflict (id) do update set
                    repository_id = excluded.repository_id,
                    repository_name = excluded.repository_name,
                    build_number = excluded.build_number,
                    commit_sha = excluded.commit_sha,
                    ref = excluded.ref,
                    branch = excluded.branch,
                    tag = excluded.tag,
                    event = excluded.event,
                    delivery_id = excluded.delivery_id,
                    requested = true,
                    created_at = excluded.created_at""")
                .param("id", build.id())
                .param("repositoryId", build.repositoryId())
                .param("repositoryName", build.repositoryName())
                .param("number", build.number())
                .param("commitSha", build.commitSha())
                .param("ref", build.ref().name())
                .param("branch", build.ref().branch().orElse(null))
                .param("tag", build.ref().tag().orElse(null))
                .param("event", build.event())
                .param("deliveryId", build.deliveryId())
                .param("createdAt", timestamp(build.requestedAt()))
                .update();
    }

    @Override
    public void recordStarted(StartedBuild build) {
        jdbc.sql("""
                insert into builds (id, repository_id, build_number, status, executor, started_at, created_at)
                values (:id, :repositoryId, :number, 'running', :executor, :startedAt, :startedAt)
                on conflict (id) do update set
                    repository_id = coalesce(builds.repository_id, excluded.repository_id),
                    build_number = coalesce(builds.build_number, excluded.build_number),
                    executor = excluded.executor,
                    started_at = excluded.started_at,
                    status = case when builds.status = 'queued' then 'running' else builds.status end,
                    created_at = case when builds.requested then builds.created_at
                                      else least(builds.created_at, excluded.created_at) end""")
                .param("id", build.id())
                .param("repositoryId", build.repositoryId())
                .param("number", build.number())
                .param("executor", build.executor())
                .param("startedAt", timestamp(build.startedAt()))
                .update();
    }

    @Override
    public void recordFinished(FinishedBuild build) {
        // Of two endings of one build, the later one wins, whichever arrives last.
        jdbc.sql("""
                insert into builds (id, status, reason, finished_at, created_at)
                values (:id, :status, :reason, :finishedAt, :finishedAt)
                on conflict (id) do update set
                    status = excluded.status,
                    reason = excluded.reason,
                    finished_at = excluded.finished_at,
                    created_at = case when builds.requested then builds.created_at
                                      else least(builds.created_at, excluded.created_at) end
                where builds.finished_at is null or builds.finished_at <= excluded.finished_at""")
                .param("id", build.id())
                .param("status", build.status().wireName())
                .param("reason", build.reason())
                .param("finishedAt", timestamp(build.finishedAt()))
                .update();
    }

    @Override
    public void recordStepStarted(StartedStep step) {
        jdbc.sql("""
                insert into build_steps (build_id, step_index, name, status, started_at)
                values (:buildId, :index, :name, 'running', :startedAt)
                on conflict (build_id, step_index) do update set
                    name = excluded.name,
                    started_at = excluded.started_at""")
                .param("buildId", step.buildId())
                .param("index", step.index())
                .param("name", step.name())
                .param("startedAt", timestamp(step.startedAt()))
                .update();
    }

    @Override
    public void recordStepFinished(FinishedStep step) {
        jdbc.sql("""
                insert into build_steps (build_id, step_index, name, status, exit_code, message, finished_at)
                values (:buildId, :index, :name, :status, :exitCode, :message, :finishedAt)
                on conflict (build_id, step_index) do update set
                    name = excluded.name,
                    status = excluded.status,
                    exit_code = excluded.exit_code,
                    message = excluded.message,
                    finished_at = excluded.finished_at""")
                .param("buildId", step.buildId())
                .param("index", step.index())
                .param("name", step.name())
                .param("status", step.status().wireName())
                .param("exitCode", step.exitCode())
                .param("message", step.message())
                .param("finishedAt", timestamp(step.finishedAt()))
                .update();
    }

    @Override
    public void recordImage(UUID buildId, BuiltImage image) {
        jdbc.sql("""
                insert into build_images (build_id, step_name, image_id, tags)
                values (:buildId, :stepName, :imageId, :tags)
                on conflict (build_id, step_name, image_id) do update set tags = excluded.tags""")
                .param("buildId", buildId)
                .param("stepName", image.stepName())
                .param("imageId", image.imageId())
                .param("tags", image.tags().toArray(String[]::new))
                .update();
    }

    @Override
    public void recordPush(UUID buildId, PushedImage push) {
        jdbc.sql("""
                insert into build_pushes (build_id, step_name, image_id, repository, tags, digest)
                values (:buildId, :stepName, :imageId, :repository, :tags, :digest)
                on conflict (build_id, step_name, repository, digest) do nothing""")
                .param("buildId", buildId)
                .param("stepName", push.stepName())
                .param("imageId", push.imageId())
                .param("repository", push.repository())
                .param("tags", push.tags().toArray(String[]::new))
                .param("digest", push.digest())
                .update();
    }

    @Override
    public void recordLogChunk(BuildLogChunk chunk) {
        Lz4Block packed = PackedLines.pack(chunk.lines());
        jdbc.sql("""
                insert into log_chunks (build_id, sequence, step, packed, packed_compression, packed_length)
                values (:buildId, :sequence, :step, :packed, :compression, :length)
                on conflict (build_id, sequence) do nothing""")
                .param("buildId", chunk.buildId())
                .param("sequence", chunk.sequence())
                .param("step", chunk.step())
                .param("packed", packed.bytes())
                .param("compression", packed.compression())
                .param("length", packed.length())
                .update();
    }

    @Override
    public List<Build> builds(BuildQuery query, int max) {
        StringBuilder sql = new StringBuilder("select " + BUILD_COLUMNS + " from builds where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.repository() != null) {
            sql.append(query.repository().isId() ? " and repository_id = :repo" : " and repository_name = :repo");
            params.put("repo", query.repository().value());
        }
        if (query.branch() != null) {
            sql.append(" and branch = :branch");
            params.put("branch", query.branch());
        }
        if (query.status() != null) {
            sql.append(" and status = :status");
            params.put("status", query.status().wireName());
        }
        if (query.event() != null) {
            sql.append(" and event = :event");
            params.put("event", query.event());
        }
        if (query.since() != null) {
            sql.append(" and created_at >= :since");
            params.put("since", timestamp(query.since()));
        }
        if (query.after() != null) {
            sql.append(" and (created_at, id) < (:afterCreatedAt, :afterId)");
            params.put("afterCreatedAt", timestamp(query.after().createdAt()));
            params.put("afterId", query.after().id());
        }
        sql.append(" order by created_at desc, id desc limit :max");
        params.put("max", max);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> build(rs)).list();
    }

    @Override
    public Optional<Build> build(UUID id) {
        return jdbc.sql("select " + BUILD_COLUMNS + " from builds where id = :id")
                .param("id", id)
                .query((rs, n) -> build(rs))
                .optional();
    }

    @Override
    public List<BuildStep> steps(UUID id) {
        return jdbc.sql("""
                select step_index, name, status, exit_code, message, started_at, finished_at
                from build_steps where build_id = :id order by step_index""")
                .param("id", id)
                .query((rs, n) -> new BuildStep(rs.getInt("step_index"), rs.getString("name"),
                        StepStatus.fromWireName(rs.getString("status")), rs.getObject("exit_code", Integer.class),
                        rs.getString("message"), instant(rs, "started_at"), instant(rs, "finished_at")))
                .list();
    }

    @Override
    public List<BuiltImage> images(UUID id) {
        return jdbc.sql("""
                select step_name, image_id, tags from build_images where build_id = :id
                order by recorded_at, step_name, image_id""")
                .param("id", id)
                .query((rs, n) -> new BuiltImage(rs.getString("step_name"), rs.getString("image_id"),
                        strings(rs.getArray("tags"))))
                .list();
    }

    @Override
    public List<PushedImage> pushes(UUID id) {
        return jdbc.sql("""
                select step_name, image_id, repository, tags, digest from build_pushes where build_id = :id
                order by recorded_at, step_name, repository, digest""")
                .param("id", id)
                .query((rs, n) -> new PushedImage(rs.getString("step_name"), rs.getString("image_id"),
                        rs.getString("repository"), strings(rs.getArray("tags")), rs.getString("digest")))
                .list();
    }

    @Override
    public List<BuildLogChunk> logChunks(UUID id, long fromSequence, int max) {
        return jdbc.sql("""
                select build_id, sequence, step, lines, packed, packed_compression, packed_length from log_chunks
                where build_id = :id and sequence >= :from order by sequence limit :max""")
                .param("id", id)
                .param("from", fromSequence)
                .param("max", max)
                .query((rs, n) -> new BuildLogChunk(rs.getObject("build_id", UUID.class), rs.getLong("sequence"),
                        rs.getString("step"), lines(rs)))
                .list();
    }

    @Override
    public boolean hasLogChunks(UUID id) {
        return jdbc.sql("select exists (select 1 from log_chunks where build_id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    private static Build build(ResultSet rs) throws SQLException {
        return new Build(rs.getObject("id", UUID.class), rs.getString("repository_id"),
                rs.getString("repository_name"), rs.getObject("build_number", Long.class), rs.getString("commit_sha"),
                rs.getString("ref"), rs.getString("branch"), rs.getString("tag"), rs.getString("event"),
                rs.getString("delivery_id"), BuildStatus.fromWireName(rs.getString("status")), rs.getString("reason"),
                rs.getString("executor"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** A chunk's lines: packed since migration 5, a {@code text[]} in chunks stored before it. */
    private static List<String> lines(ResultSet rs) throws SQLException {
        byte[] packed = rs.getBytes("packed");
        if (packed == null) {
            return strings(rs.getArray("lines"));
        }
        return PackedLines.unpack(packed, rs.getString("packed_compression"), rs.getInt("packed_length"));
    }

    private static List<String> strings(Array array) throws SQLException {
        if (array == null) {
            return List.of();
        }
        try {
            return Arrays.asList((String[]) array.getArray());
        } finally {
            array.free();
        }
    }
}
