-- Bodies are stored compressed with LZ4 (one block) by ingestion itself when that makes them
-- smaller: a typical delivery's row then fits in a page, without TOAST rows, and writes about half
-- the WAL. body_compression says how body is stored ('lz4', or null for the bytes as received) and
-- body_length is the body's length as received, which decompressing an LZ4 block needs. Rows
-- stored before this migration have neither and hold their bodies as received.
alter table deliveries
    add column body_compression text,
    add column body_length      integer,
    add constraint deliveries_body_compression_known check (body_compression is null or body_compression = 'lz4'),
    add constraint deliveries_compressed_body_has_length check (body_compression is null or body_length is not null);
