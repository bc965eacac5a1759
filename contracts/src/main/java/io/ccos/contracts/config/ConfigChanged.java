package io.ccos.contracts.config;

import java.time.Instant;
import java.util.UUID;

/**
 * Data of {@code io.ccos.config.changed}: a settings document of a tenant got a new version.
 *
 * @param documentId the document's id in config-service
 * @param scope      the settings scope (managed, user, project, local)
 * @param name       the document's name within its scope
 * @param version    the new version, increasing by one per change
 * @param changedBy  the subject (user or service) who made the change
 * @param changedAt  when config-service stored it
 */
public record ConfigChanged(UUID documentId, String scope, String name, long version, String changedBy,
        Instant changedAt) {
}
