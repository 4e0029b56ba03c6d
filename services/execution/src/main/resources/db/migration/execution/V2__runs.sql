-- Builds as the executor holds them. A run is queued until an executor claims it, running while
-- that executor holds it (with heartbeats), and finished once its final status is announced.
-- The build id is the key, so a request that arrives twice queues one run.
create table runs (
    build_id         uuid        primary key,
    repository_id    text        not null,
    repository_name  text        not null,
    build_number     bigint      not null check (build_number >= 1),
    commit_sha       text        not null,
    clone_url        text        not null,
    ref              text        not null,
    state            text        not null check (state in ('queued', 'running', 'finished')),
    executor_id      text,
    heartbeat_at     timestamptz,
    correlation_id   text        not null,
    request_event_id uuid        not null,
    created_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    final_status     text        check (final_status in ('succeeded', 'failed', 'errored', 'cancelled')),
    reason           text,
    image_id         text,
    check ((state = 'finished') = (final_status is not null)),
    check (state = 'queued' or executor_id is not null)
);

-- The dispatcher claims the oldest queued run first.
create index runs_queued on runs (created_at, build_id) where state = 'queued';
