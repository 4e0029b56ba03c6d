-- Every replay of a stored delivery (POST /hooks/deliveries/{id}/replay): which delivery, the
-- event it first published and the new event its replay appended to the outbox in the same
-- transaction, when, and who asked.
create table delivery_replays (
    id                bigserial   primary key,
    delivery          bigint      not null references deliveries (id),
    original_event_id uuid        not null,
    -- The id the event was appended under this time: new, so that consumers deduplicating on
    -- event ids do not drop it.
    event_id          uuid        not null unique,
    replayed_at       timestamptz not null,
    -- The label of the operator token that asked for the replay; null when the token has none.
    operator          text
);

create index delivery_replays_by_delivery on delivery_replays (delivery, replayed_at);
