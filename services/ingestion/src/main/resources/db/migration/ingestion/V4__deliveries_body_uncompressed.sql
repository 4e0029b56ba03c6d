-- Bodies are kept as they arrived, out of line and uncompressed. Compressing each one (PostgreSQL's
-- pglz, as this build of PostgreSQL has no lz4) took about a quarter of the database's CPU under
-- load, more than writing the uncompressed bytes; without it ingestion took 10 to 15 % more
-- deliveries a second on two cores (docs/benchmarks.md). The price is disk: a typical 8 KB GitHub
-- push body takes 8 KB instead of about 2.6 KB. Rows stored before keep their compressed bodies.
alter table deliveries alter column body set storage external;
