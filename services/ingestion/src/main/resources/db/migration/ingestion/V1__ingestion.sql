-- The ingestion schema. Tables are added by later migrations as the service grows.
comment on schema ingestion is 'Slipway ingestion service';
