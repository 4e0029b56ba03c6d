-- The history's read model of builds. Every event of a build is merged into these tables by an
-- upsert, because the events travel on three topics and may arrive in any order: columns stay
-- null until the event that carries them has arrived.

create table builds (
    id              uuid        primary key,
    repository_id   text,
    repository_name text,
    build_number    bigint,
    commit_sha      text,
    ref             text,
    branch          text,
    tag             text,
    event           text,
    delivery_id     text,
    status          text        not null
        check (status in ('queued', 'running', 'succeeded', 'failed', 'errored', 'cancelled', 'skipped')),
    reason          text,
    executor        text,
    -- Whether the BuildRequested has arrived; until it has, created_at is the time of the first
    -- event heard about the build, and the request's time replaces it when it comes.
    requested       boolean     not null default false,
    created_at      timestamptz not null,
    started_at      timestamptz,
    finished_at     timestamptz
);

-- Lists are served newest first by (created_at, id), with cursor pagination on the same pair.
create index builds_newest on builds (created_at desc, id desc);
create index builds_by_repository_id on builds (repository_id, created_at desc, id desc);
create index builds_by_repository_name on builds (repository_name, created_at desc, id desc);

create table build_steps (
    build_id    uuid        not null,
    step_index  integer     not null,
    name        text        not null,
    status      text        not null
        check (status in ('running', 'succeeded', 'failed', 'oom_killed', 'timed_out', 'cancelled', 'errored')),
    exit_code   integer,
    message     text,
    started_at  timestamptz,
    finished_at timestamptz,
    primary key (build_id, step_index)
);

create table build_images (
    build_id    uuid        not null,
    step_name   text        not null,
    image_id    text        not null,
    tags        text[]      not null,
    recorded_at timestamptz not null default now(),
    primary key (build_id, step_name, image_id)
);

-- Chunks are immutable once written: a redelivered chunk changes nothing.
create table log_chunks (
    build_id uuid   not null,
    sequence bigint not null,
    step     text   not null,
    lines    text[] not null,
    primary key (build_id, sequence)
);
