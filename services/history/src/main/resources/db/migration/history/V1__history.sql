-- The history schema. Tables are added by later migrations as the service grows.
comment on schema history is 'Slipway history service';
