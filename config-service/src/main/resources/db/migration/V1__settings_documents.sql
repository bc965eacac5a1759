create table settings_document (
    id          uuid        primary key,
    tenant_id   text        not null,
    scope       text        not null check (scope in ('managed', 'user', 'project', 'local')),
    name        text        not null,
    content     jsonb       not null,
    version     bigint      not null,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    unique (tenant_id, scope, name)
);
