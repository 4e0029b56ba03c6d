-- The filtering schema. Tables are added by later migrations as the service grows.
comment on schema filtering is 'Slipway filtering service';
