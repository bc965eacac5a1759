-- The tenant hook registries the gateway governs tool calls with, as last applied from ccos.config.changed:
-- read at start (calls are governed from memory, never from here), written once per change.
create table hook_registry (
    tenant_id    text        primary key,
    document_id  uuid        not null,
    version      bigint      not null,
    content      jsonb       not null,
    applied_at   timestamptz not null
);
