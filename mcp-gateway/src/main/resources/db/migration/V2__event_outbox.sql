-- Transactional outbox (io.ccos.platform.events.EventOutbox): events recorded with the change that
-- caused them, published to Kafka by OutboxRelay after commit.
create table outbox_event (
    id            uuid        primary key,
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
create index outbox_event_unpublished on outbox_event (created_at, id) where published_at is null;
