-- A payload too large for the row (a log chunk of up to 2,000 lines, about 160 KB) is stored as
-- one LZ4 block, compressed by the service that appends it (Lz4Block): about a fifth of the bytes
-- written to the outbox's TOAST table and to the WAL, and read back by the relay, which restores
-- the payload before sending it. Every other payload (an SCM or build event) stays as it is.
alter table outbox
    add column payload_compression text,
    add column payload_length      integer;
alter table outbox
    add constraint outbox_payload_compression
        check (payload_compression is null or (payload_compression = 'lz4' and payload_length >= 0));
