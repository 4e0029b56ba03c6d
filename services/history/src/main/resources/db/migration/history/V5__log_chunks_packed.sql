-- A chunk's lines are stored packed (each line's UTF-8 bytes after their length), compressed with
-- LZ4 by history itself when that is smaller: a text[] of 2,000 lines cost the JDBC driver's
-- quoting, PostgreSQL's parsing of the array literal and its pglz compression (this build has no
-- lz4), all on the cores that the build's own step runs on. Chunks stored before keep their lines.
alter table log_chunks alter column lines drop not null;
alter table log_chunks
    add column packed             bytea,
    add column packed_compression text,
    add column packed_length      integer;
-- Compressed already: PostgreSQL stores the bytes as they are (out of line when large).
alter table log_chunks alter column packed set storage external;
alter table log_chunks
    add constraint log_chunks_lines_or_packed check ((lines is null) <> (packed is null)),
    add constraint log_chunks_packed_compression check (packed_compression is null or packed_compression = 'lz4'),
    add constraint log_chunks_packed_length check ((packed is null) = (packed_length is null) and packed_length >= 0);
