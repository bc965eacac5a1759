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
create index if not exists outbox_event_unpublished_seq on outbox_event (seq) where published_at is null;

-- Ids of the events each consumer has applied (io.ccos.platform.events.ProcessedEvents).
create table if not exists processed_event (
    consumer      text        not null,
    event_id      text        not null,
    processed_at  timestamptz not null,
    primary key (consumer, event_id)
);
