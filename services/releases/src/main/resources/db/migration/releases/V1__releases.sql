-- The releases schema. Tables are added by later migrations as the service grows.
comment on schema releases is 'Slipway releases service';
