-- Who may use which tools of a server ({"rules": [...]}, io.ccos.gateway.access.ToolAccess); null: everyone
-- allowed to call tools in the tenant. An object rather than an array: Hibernate Reactive reads jsonb as objects.
alter table upstream_server add column access jsonb;
