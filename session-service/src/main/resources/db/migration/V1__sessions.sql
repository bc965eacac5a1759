-- One Claude Code session of a tenant, by the session id Claude Code gave it.
create table session (
    id                 uuid        primary key,
    tenant_id          text        not null,
    claude_session_id  text        not null,
    project            text        not null,
    registered_by      text        not null,
    registered_at      timestamptz not null,
    unique (tenant_id, claude_session_id)
);
