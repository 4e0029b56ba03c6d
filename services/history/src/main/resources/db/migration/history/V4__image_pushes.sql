-- The pushes of a build's images: which image a push step sent, where, under which tags, and the
-- manifest digest the registry answered. A push is known by its build, step, destination and
-- digest, so a redelivered ImagePushed is a conflict that changes nothing, and a build whose push
-- ran twice (a retried build whose image came out different) shows both.
create table build_pushes (
    build_id    uuid        not null,
    step_name   text        not null,
    image_id    text        not null,
    repository  text        not null,
    tags        text[]      not null,
    digest      text        not null,
    recorded_at timestamptz not null default now(),
    primary key (build_id, step_name, repository, digest)
);
