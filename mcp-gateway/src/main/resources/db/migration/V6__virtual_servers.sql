-- Virtual servers: a named selection of other servers' tools, served as one server of their own.
alter table upstream_server drop constraint upstream_server_transport_check;
alter table upstream_server add constraint upstream_server_transport_check
    check (transport in ('stdio', 'sse', 'streamable-http', 'virtual'));
-- {"tools": [{"server": ..., "tool": ...}]}: what a virtual server offers; null for every other transport.
alter table upstream_server add column tools jsonb;
alter table upstream_server add constraint upstream_server_virtual_tools check ((transport = 'virtual') = (tools is not null));
