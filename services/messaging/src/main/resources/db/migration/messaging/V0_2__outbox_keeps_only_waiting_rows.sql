-- The relay deletes a row once Kafka has acknowledged its record, instead of marking it published:
-- every row left in the outbox is one still to publish. Marking meant a new version of the row
-- (its payload written again, to the table and the WAL) and new index entries for each event;
-- deleting writes a few bytes. Rows published before this migration go now.
delete from outbox where published_at is not null;
drop index outbox_unpublished;
alter table outbox drop column published_at;
