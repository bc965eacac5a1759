-- The settings versions hook-service has applied, one row per document of a tenant.
create table known_config (
    document_id   uuid        not null,
    tenant_id     text        not null,
    scope         text        not null,
    name          text        not null,
    version       bigint      not null,
    changed_by    text        not null,
    event_id      text        not null,
    trace_id      text,
    received_at   timestamptz not null,
    primary key (tenant_id, document_id)
);

-- Ids of the events each consumer has applied (io.ccos.platform.events.ProcessedEvents).
create table processed_event (
    consumer      text        not null,
    event_id      text        not null,
    processed_at  timestamptz not null,
    primary key (consumer, event_id)
);
