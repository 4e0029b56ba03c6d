-- What filtering decided about each delivery: built, skipped or errored, and why. One row per
-- repository and delivery, since filtering decides each delivery once; the id is derived from
-- that pair, so a redelivered trigger is a conflict that changes nothing.

create table decisions (
    id              uuid        primary key,
    repository_id   text        not null,
    repository_name text        not null,
    delivery_id     text        not null,
    event           text        not null,
    ref             text        not null,
    branch          text,
    tag             text,
    commit_sha      text        not null,
    verdict         text        not null check (verdict in ('run', 'skip', 'error')),
    rule            text        not null,
    reason          text        not null,
    -- [{name, matched, reason}], depth first; shown whole, never queried into.
    steps           jsonb       not null,
    -- [{severity, code, message, file, line, column, hint}] of a broken pipeline file.
    problems        jsonb       not null,
    build_id        uuid,
    build_number    bigint,
    decided_at      timestamptz not null,
    unique (repository_id, delivery_id),
    check ((verdict = 'run') = (build_id is not null and build_number is not null))
);

-- Lists are served newest first by (decided_at, id), with cursor pagination on the same pair.
create index decisions_newest on decisions (decided_at desc, id desc);
create index decisions_by_repository_id on decisions (repository_id, decided_at desc, id desc);
create index decisions_by_repository_name on decisions (repository_name, decided_at desc, id desc);
create index decisions_by_verdict on decisions (verdict, decided_at desc, id desc);
create unique index decisions_by_build on decisions (build_id) where build_id is not null;
