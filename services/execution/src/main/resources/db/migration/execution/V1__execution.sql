-- The execution schema. Tables are added by later migrations as the service grows.
comment on schema execution is 'Slipway execution service';
