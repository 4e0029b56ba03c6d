-- The loop guard's facts. The tags Slipway's releases are about to create, from the releases
-- service's ReleaseIntended records on slipway.releases (published before it calls the git host).
create table intended_releases (
    repository_id text        not null,
    tag           text        not null,
    build_id      uuid        not null,
    build_number  bigint      not null,
    commit_sha    text        not null,
    recorded_at   timestamptz not null,
    primary key (repository_id, tag, build_id)
);

-- The tags each requested build's plan releases, so that a tag sent by the release identity before
-- its ReleaseIntended record arrives still names its build.
alter table decisions add column release_tags text[] not null default '{}';
create index decisions_release_tags on decisions using gin (release_tags);
