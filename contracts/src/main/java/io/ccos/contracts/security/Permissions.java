package io.ccos.contracts.security;

/**
 * What a caller may do, as endpoints ask for it ({@code @PermissionsAllowed(Permissions.SETTINGS_WRITE)}).
 * Which roles grant which permissions is one table, {@code ccos.security.role-permissions.<role>} in the
 * platform's configuration; endpoints never list roles.
 */
public final class Permissions {

    public static final String SETTINGS_READ = "settings:read";
    public static final String SETTINGS_WRITE = "settings:write";
    /** Which settings versions hook-service applies. */
    public static final String KNOWN_CONFIG_READ = "known-config:read";
    /** The tenant's central hook registry in config-service. */
    public static final String HOOK_REGISTRY_READ = "hook-registry:read";
    public static final String HOOK_REGISTRY_WRITE = "hook-registry:write";
    /** Asking hook-service for a decision on a hook event (what a Claude Code http hook does). */
    public static final String HOOKS_DECIDE = "hooks:decide";
    /** Creating, listing and revoking one's own hook keys. */
    public static final String HOOK_KEYS_WRITE = "hook-keys:write";
    /** Listing and revoking every hook key of the tenant. */
    public static final String HOOK_KEYS_MANAGE = "hook-keys:manage";
    public static final String SESSIONS_READ = "sessions:read";
    public static final String SESSIONS_REGISTER = "sessions:register";
    public static final String UPSTREAMS_READ = "upstreams:read";
    public static final String UPSTREAMS_WRITE = "upstreams:write";
    /** Registering a stdio MCP server: a process on the gateway's hosts, shared by every tenant. */
    public static final String UPSTREAMS_STDIO = "upstreams:stdio";
    /** Using MCP tools, resources and prompts through mcp-gateway's endpoints (each server's access rules apply on top). */
    public static final String TOOLS_CALL = "tools:call";
    public static final String AGENTS_READ = "agents:read";
    public static final String AGENTS_WRITE = "agents:write";
    /** The operator endpoints under /q/ (metrics, the API description), except health. */
    public static final String OPERATIONS_READ = "operations:read";

    private Permissions() {
    }
}
