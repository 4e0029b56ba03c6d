-- Every webhook delivery that reached ingestion with the headers its provider always sends: what
-- arrived (headers with secrets redacted, the raw body) and what was decided about it. Rejected
-- deliveries are kept too, for audit.
create table deliveries (
    id              bigserial   primary key,
    provider        text        not null,
    delivery_id     text        not null,
    event_name      text        not null,
    headers         jsonb       not null,
    body            bytea       not null,
    -- The owner/name the body claimed, even when no such repository is declared.
    repository_name text,
    -- The declared repository's id (provider:owner/name); null when none was found.
    repository_id   text,
    verdict         text        not null check (verdict in ('accepted', 'ignored', 'rejected')),
    -- The slug of the rejection reason, such as bad-signature; only on rejected deliveries.
    rejection       text,
    reason          text,
    received_at     timestamptz not null,
    -- The id of the event appended to the outbox; exactly on accepted deliveries.
    event_id        uuid,
    constraint deliveries_rejection_only_when_rejected check ((verdict = 'rejected') = (rejection is not null)),
    constraint deliveries_event_only_when_accepted check ((verdict = 'accepted') = (event_id is not null)),
    constraint deliveries_repository_when_not_rejected check (verdict = 'rejected' or repository_id is not null)
);

-- A delivery id is acted on once per provider: a redelivery finds this row and changes nothing.
-- Rejected deliveries do not take the id, so a badly signed copy cannot block the real delivery.
create unique index deliveries_once on deliveries (provider, delivery_id) where verdict <> 'rejected';

create index deliveries_by_repository on deliveries (repository_id, received_at);
create index deliveries_by_time on deliveries (received_at);
