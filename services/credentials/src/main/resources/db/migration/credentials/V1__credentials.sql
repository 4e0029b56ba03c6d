-- The credentials schema. Tables are added by later migrations as the service grows.
comment on schema credentials is 'Slipway credentials service';
