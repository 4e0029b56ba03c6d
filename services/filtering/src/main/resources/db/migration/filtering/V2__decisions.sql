-- The last build number given out per repository; numbers start at 1 and have no gaps.
create table build_numbers (
    repository_id text   primary key,
    last_number   bigint not null
);

-- One decision per delivery: a redelivered or replayed event finds it and changes nothing.
create table decisions (
    repository_id text        not null,
    delivery_id   text        not null,
    outcome       text        not null check (outcome in ('BUILD', 'SKIP')),
    build_id      uuid        unique,
    build_number  bigint,
    reason        text        not null,
    decided_at    timestamptz not null,
    primary key (repository_id, delivery_id),
    unique (repository_id, build_number)
);
