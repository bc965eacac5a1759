package io.ccos.contracts.security;

/** Realm roles of the Keycloak realm {@code ccos} (deploy/keycloak/ccos-realm.json). */
public final class Roles {

    /**
     * Operates the suite: metrics, the API description, stdio MCP servers. Its data access is bounded by its
     * own tenant like everyone's, until cross-tenant administration gets an API of its own.
     */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Administers one tenant: its settings, hooks, MCP servers and agents. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** A Claude Code user of a tenant. */
    public static final String DEVELOPER = "developer";
    /** Reads sessions, costs and the audit log of a tenant, changes nothing. */
    public static final String AUDITOR = "auditor";
    /** An automated agent run by agent-service on behalf of a tenant. */
    public static final String AGENT = "agent";
    /**
     * A ccos service calling another with a client-credentials token; it names the tenant it acts for
     * in the {@link io.ccos.contracts.tenancy.TenantClaim#ON_BEHALF_HEADER} header.
     */
    public static final String SERVICE = "service";
    /** A caller authenticated by a hook key (not a Keycloak role): it may ask for hook decisions, nothing else. */
    public static final String HOOK_KEY = "hook-key";

    private Roles() {
    }
}
