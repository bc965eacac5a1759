-- The tenant's central hook registry (io.ccos.policy): one document per tenant, versioned like settings.
-- Not a settings file: Claude Code never reads it, hook-service and mcp-gateway run it.
create table hook_registry (
    id          uuid        primary key,
    tenant_id   text        not null unique,
    content     jsonb       not null,
    version     bigint      not null,
    updated_at  timestamptz not null,
    updated_by  text        not null
);
