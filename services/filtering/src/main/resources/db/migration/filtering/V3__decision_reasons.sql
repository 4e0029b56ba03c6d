-- Decisions come from the pipeline file: a push builds, is skipped, or errors (a broken file, or a
-- commit that could not be read), and every decision keeps the rule, the reason and each step's match.
alter table decisions drop constraint decisions_outcome_check;
alter table decisions add constraint decisions_outcome_check check (outcome in ('BUILD', 'SKIP', 'ERROR'));
alter table decisions
    add column rule       text  not null default 'unrecorded',
    add column event      text,
    add column ref        text,
    add column commit_sha text,
    add column steps      jsonb not null default '[]',
    add column problems   jsonb not null default '[]';
