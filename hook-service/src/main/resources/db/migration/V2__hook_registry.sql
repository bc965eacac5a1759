-- The tenant hook registries hook-service runs, as last applied from ccos.config.changed: read at start
-- (decisions are made from memory, never from here), written once per change.
create table hook_registry (
    tenant_id    text        primary key,
    document_id  uuid        not null,
    version      bigint      not null,
    content      jsonb       not null,
    applied_at   timestamptz not null
);
