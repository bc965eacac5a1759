package io.ccos.contracts.security;

/**
 * Hook keys: opaque per-user credentials of hook-service ({@code ccoshk_<id>.<secret>}) that a Claude Code
 * http hook sends as {@code Authorization: Bearer $CCOS_HOOK_KEY}. Only hook-service accepts them.
 */
public final class HookKeys {

    /** What every hook key starts with. */
    public static final String PREFIX = "ccoshk_";
    /** The identity attribute naming the tenant of a key's holder. */
    public static final String TENANT_ATTRIBUTE = "ccos.tenant";
    /** The identity attribute naming the key that authenticated the request. */
    public static final String KEY_ID_ATTRIBUTE = "ccos.hook-key-id";

    private HookKeys() {
    }
}
