-- Agent definitions of a tenant, in Claude Code's subagent format (Markdown body + front matter fields).
create table agent_definition (
    id             uuid        primary key,
    tenant_id      text        not null,
    name           text        not null,
    description    text        not null,
    model          text,
    tools          jsonb,
    prompt         text        not null,
    defined_by     text        not null,
    defined_at     timestamptz not null,
    unique (tenant_id, name)
);
