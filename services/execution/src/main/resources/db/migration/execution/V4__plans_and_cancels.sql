-- The plan each run runs: the JSON text of the request's plan, as filtering compiled it; null for a
-- request that carried none.
alter table runs add column plan text;

-- A run cancelled while it was queued finishes without ever having had an executor.
do $$
declare
    old_check text;
begin
    select conname into old_check from pg_constraint
    where conrelid = 'runs'::regclass and contype = 'c'
      and pg_get_constraintdef(oid) like '%executor_id IS NOT NULL%';
    execute format('alter table runs drop constraint %I', old_check);
end $$;
alter table runs add constraint runs_executor_once_claimed
    check (state = 'queued' or executor_id is not null or (state = 'finished' and final_status = 'cancelled'));

-- Nor was it ever claimed: V3's "claimed at least once unless queued" allows that too.
do $$
declare
    old_check text;
begin
    select conname into old_check from pg_constraint
    where conrelid = 'runs'::regclass and contype = 'c'
      and pg_get_constraintdef(oid) like '%attempts >= 1%';
    execute format('alter table runs drop constraint %I', old_check);
end $$;
alter table runs add constraint runs_claimed_unless_queued
    check (state = 'queued' or attempts >= 1 or (state = 'finished' and final_status = 'cancelled'));

-- Cancels asked for (CancelBuild), kept whether or not the run exists yet: a cancel can arrive before
-- its build's request, and the executor that runs a build may not be the one that read the cancel.
create table cancel_requests (
    build_id     uuid        primary key,
    reason       text        not null,
    requested_at timestamptz not null
);
