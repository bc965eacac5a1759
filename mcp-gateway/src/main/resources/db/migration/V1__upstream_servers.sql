-- The MCP servers a tenant exposes through the gateway.
create table upstream_server (
    id             uuid        primary key,
    tenant_id      text        not null,
    name           text        not null,
    transport      text        not null check (transport in ('stdio', 'sse', 'streamable-http')),
    url            text,
    command        jsonb,
    registered_by  text        not null,
    registered_at  timestamptz not null,
    unique (tenant_id, name),
    check ((transport = 'stdio') = (command is not null and url is null))
);
