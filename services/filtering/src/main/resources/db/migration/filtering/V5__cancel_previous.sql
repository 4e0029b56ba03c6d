-- on.push.cancel_previous: a requested build is cancelled once (cancelled_by names the build that
-- superseded it), and is not cancelled after BuildFinished says it ended.
alter table decisions
    add column finished_at  timestamptz,
    add column cancelled_by uuid;
create index decisions_open_builds on decisions (repository_id, ref)
    where outcome = 'BUILD' and finished_at is null and cancelled_by is null;
