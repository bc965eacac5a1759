-- Tables of the platform's event plumbing, in every service's own schema (Flyway runs this after the
-- service's versioned migrations, and again whenever this file changes: keep every statement idempotent).

-- Transactional outbox (io.ccos.platform.events.EventOutbox): events recorded with the change that
-- caused them, published to Kafka by OutboxRelay after commit.
create table if not exists outbox_event (
    id            uuid        primary key,
    -- Recording order. Writers of one entity hold its row lock, so for each entity it is also commit order.
    seq           bigserial   not null unique,
    topic         text        not null,
    record_key    text        not null,
    type          text        not null,
    subject       text        not null,
    tenant_id     text        not null,
    data          jsonb       not null,
    traceparent   text,
    created_at    timestamptz not null,
    published_at  timestamptz
);
alter table outbox_event add column if not exists seq bigserial not null unique;
-- The relay lane of a row (OutboxRelay.LANES = 32): all events of one record key share a lane, and a lane
-- is relayed by one replica at a time, so per-key order holds while replicas share the work.
alter table outbox_event add column if not exists lane smallint not null
    generated always as (((hashtext(record_key) & 2147483647) % 32)::smallint) stored;
drop index if exists outbox_event_unpublished_seq;
create index if not exists outbox_event_unpublished_lane on outbox_event (lane, seq) where published_at is null;
create index if not exists outbox_event_published_at on outbox_event (published_at) where published_at is not null;

-- A committed insert wakes the relays of every replica (OutboxNotifications listens on this channel);
-- PostgreSQL delivers it at commit only, once per transaction.
create or replace function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('ccos_outbox_' || tg_table_schema, '');
    return null;
end
$$;
drop trigger if exists outbox_event_notify on outbox_event;
create trigger outbox_event_notify after insert on outbox_event for each statement execute function outbox_event_notify();

-- Ids of the events each consumer has applied (io.ccos.platform.events.ProcessedEvents).
create table if not exists processed_event (
    consumer      text        not null,
    event_id      text        not null,
    processed_at  timestamptz not null,
    primary key (consumer, event_id)
);
create index if not exists processed_event_processed_at on processed_event (processed_at);
