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

