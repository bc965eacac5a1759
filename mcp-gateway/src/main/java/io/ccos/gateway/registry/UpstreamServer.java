package io.ccos.gateway.registry;

import io.ccos.platform.tenancy.TenantOwnedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An MCP server of a tenant behind the gateway. */
@Entity
@Table(name = "upstream_server")
public class UpstreamServer extends TenantOwnedEntity {

    @Id
    public UUID id;

    /** The name clients see in tool names (mcp__NAME__tool). */
    public String name;

    public Transport transport;

    /** Endpoint of an sse or streamable-http server. */
    public String url;

    /** argv of a stdio server, started without a shell. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> command;

    /** Who may use which tools: {"rules": [AccessRule...]}; null for everyone. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> access;

    /** A stdio server's environment, values as written (${NAME} references unexpanded); null for none. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> env;

    /** A remote server's request headers, values as written; null for none. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> headers;

    /** What a virtual server offers: {"tools": [{server, tool}...]}; null for every other transport. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> tools;

    @Column(name = "registered_by")
    public String registeredBy;

    @Column(name = "registered_at")
    public Instant registeredAt;
}
