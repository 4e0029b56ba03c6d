-- Leases. A running run belongs to its executor while its heartbeat is younger than the lease
-- timeout; past it, the executor is taken for lost and any executor's sweeper ends the run, or
-- queues it again once when lost builds are retried. attempts counts how often the run was
-- claimed, which is how a lost build is retried at most once.
alter table runs add column attempts integer not null default 0 check (attempts >= 0);
update runs set attempts = 1 where state <> 'queued';
alter table runs add check (state = 'queued' or attempts >= 1);

-- The sweeper looks for running runs by the age of their heartbeat.
create index runs_running on runs (heartbeat_at) where state = 'running';
