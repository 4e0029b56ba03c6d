-- An outbox row lives until Kafka has its record, seconds at most, so compressing its payload buys
-- nothing: payloads are kept as they are, in the row up to a row of 8,160 bytes (an SCM event),
-- out of line beyond that (a log chunk of up to 2,000 lines). PostgreSQL's compression (pglz; this
-- build has no lz4) of every large payload cost CPU on each append for bytes deleted moments later.
alter table outbox alter column payload set storage external;
alter table outbox set (toast_tuple_target = 8160);
