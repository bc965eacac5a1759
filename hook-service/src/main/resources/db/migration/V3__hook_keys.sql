-- Hook keys: opaque per-user credentials a Claude Code http hook sends (Authorization: Bearer ccoshk_...).
-- Only a SHA-256 of the secret part is kept; the key is shown once, when it is created.
create table hook_key (
    id            text        primary key,
    tenant_id     text        not null,
    user_subject  text        not null,
    name          text        not null,
    secret_sha256 bytea       not null,
    created_at    timestamptz not null,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    -- what the replicas' caches follow: every change moves it
    changed_at    timestamptz not null
);
create index hook_key_owner on hook_key (tenant_id, user_subject, created_at, id);
create index hook_key_changed on hook_key (changed_at);
