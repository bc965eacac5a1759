-- A registration's env (stdio) and headers (remote transports), as written: values may name the tenant's
-- variables by name (Claude Code's .mcp.json reference syntax), expanded when connecting.
alter table upstream_server add column env jsonb, add column headers jsonb;

-- Values a tenant's registrations refer to (tokens, keys): sealed with AES-GCM by the gateway
-- (ccos.gateway.variables.sealing-key), never returned by the API.
create table upstream_variable (
    id            uuid        primary key,
    tenant_id     text        not null,
    name          text        not null,
    value_sealed  text        not null,
    updated_by    text        not null,
    updated_at    timestamptz not null,
    unique (tenant_id, name)
);
