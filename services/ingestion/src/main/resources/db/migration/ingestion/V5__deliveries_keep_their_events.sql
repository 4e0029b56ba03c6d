-- The outbox keeps an event only until Kafka has it (messaging's migration 0.2), so an accepted
-- delivery keeps its event itself: the exact bytes appended to the outbox, with their type and
-- version, which is what a replay publishes again. Deliveries accepted before this migration have
-- none; their events were in the outbox, and a replay of one says so.
alter table deliveries
    add column event_type    text,
    add column event_version integer,
    add column event_payload bytea,
    add constraint deliveries_event_payload_with_its_id
        check (event_payload is null or (event_id is not null and event_type is not null and event_version is not null));

-- A delivery row (headers and event, with the body out of line) is kept whole in its page up to
-- 8,160 bytes, instead of PostgreSQL compressing its columns once it passes 2 KB: compression cost
-- more CPU under load than the disk it saves (see V4).
alter table deliveries set (toast_tuple_target = 8160);

-- No query reads deliveries by repository or by time: replays find a delivery by provider and
-- delivery id (deliveries_once). Each index cost every stored delivery one more index entry, one
-- of them on a text column. An index comes back with the query that needs it, such as a
-- retention policy's delete by time.
drop index deliveries_by_repository;
drop index deliveries_by_time;
