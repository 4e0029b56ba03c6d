package dev.slipway.filtering.adapter.out.persistence;

import dev.slipway.filtering.application.port.out.OwnReleases;
import dev.slipway.filtering.domain.LoopGuard;
import dev.slipway.model.release.ReleaseIntended;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The loop guard's stored facts: intended releases, and the release tags of the builds filtering requested. */
@Component
class JdbcOwnReleases implements OwnReleases {

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcOwnReleases(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void recordIntended(ReleaseIntended intended) {
        jdbc.sql("""
                        insert into intended_releases (repository_id, tag, build_id, build_number, commit_sha, recorded_at)
                        values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
                .params(intended.repositoryId(), intended.tag(), intended.buildId(), intended.buildNumber(),
                        intended.commitSha(), Timestamp.from(clock.instant()))
                .update();
    }

    @Override
    public Optional<LoopGuard.BuildRef> intended(String repositoryId, String tag) {
        return jdbc.sql("""
                        select build_id, build_number from intended_releases where repository_id = ? and tag = ?
                        order by build_number desc limit 1""")
                .params(repositoryId, tag)
                .query((rs, n) -> new LoopGuard.BuildRef(rs.getObject("build_id", UUID.class), rs.getLong("build_number")))
                .optional();
    }

    @Override
    public Optional<LoopGuard.BuildRef> planned(String repositoryId, String tag) {
        return jdbc.sql("""
                        select build_id, build_number from decisions
                        where repository_id = ? and outcome = 'BUILD' and release_tags @> array[?]::text[]
                        order by build_number desc limit 1""")
                .params(repositoryId, tag)
                .query((rs, n) -> new LoopGuard.BuildRef(rs.getObject("build_id", UUID.class), rs.getLong("build_number")))
                .optional();
    }

    @Override
    public LoopGuard.BuildRef build(String repositoryId, UUID buildId) {
        long number = jdbc.sql("select build_number from decisions where repository_id = ? and build_id = ?")
                .params(repositoryId, buildId)
                .query(Long.class)
                .optional().orElse(0L);
        return new LoopGuard.BuildRef(buildId, number);
    }

    @Override
    public Optional<String> commitOf(String repositoryId, String tag) {
        return jdbc.sql("""
                        select commit_sha from (
                            select commit_sha, build_number from intended_releases where repository_id = ? and tag = ?
                            union all
                            select commit_sha, build_number from decisions
                            where repository_id = ? and outcome = 'BUILD' and release_tags @> array[?]::text[]
                        ) known order by build_number desc limit 1""")
                .params(repositoryId, tag, repositoryId, tag)
                .query(String.class)
                .optional();
    }
}
