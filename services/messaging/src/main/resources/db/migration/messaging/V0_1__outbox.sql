-- The transactional outbox: a service appends here in the same transaction as its own state
-- change, and the relay publishes the rows to Kafka in id order.
create table outbox (
    id             bigserial    primary key,
    event_id       uuid         not null unique,
    topic          text         not null,
    record_key     text         not null,
    event_type     text         not null,
    event_version  integer      not null,
    occurred_at    timestamptz  not null,
    correlation_id text         not null,
    causation_id   text,
    payload        bytea        not null,
    created_at     timestamptz  not null default now(),
    published_at   timestamptz
);

create index outbox_unpublished on outbox (id) where published_at is null;

-- Events a consumer has already handled, so that a redelivery changes nothing.
create table processed_events (
    consumer     text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);
