package io.ccos.contracts.config;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Data of {@code io.ccos.config.changed}: a document of a tenant (a settings file, or with scope
 * {@value #HOOK_REGISTRY_SCOPE} the tenant's central hook registry) got a new version. The event carries the
 * document whole, so a consumer applies it without calling config-service back, and the compacted topic
 * holds every tenant's latest version of every document.
 *
 * @param documentId the document's id in config-service
 * @param scope      the settings scope (managed, user, project, local)
 * @param name       the document's name within its scope
 * @param version    the new version, increasing by one per change
 * @param changedBy  the subject (user or service) who made the change
 * @param changedAt  when config-service stored it
 * @param content    the document as stored (a hook registry's webhook secrets included: the topic is internal)
 */
public record ConfigChanged(UUID documentId, String scope, String name, long version, String changedBy,
        Instant changedAt, Map<String, Object> content) {

    /** The scope of the tenant's central hook registry, read by hook-service and mcp-gateway. */
    public static final String HOOK_REGISTRY_SCOPE = "hooks";
    /** The name of the tenant's one hook registry. */
    public static final String HOOK_REGISTRY_NAME = "registry";

    public boolean isHookRegistry() {
        return HOOK_REGISTRY_SCOPE.equals(scope);
    }
}
