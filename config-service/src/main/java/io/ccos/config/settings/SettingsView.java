package io.ccos.config.settings;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A settings document as the API shows it. */
public record SettingsView(UUID id, String tenant, SettingsScope scope, String name, long version,
        Instant updatedAt, String updatedBy, Map<String, Object> content) {

    static SettingsView of(SettingsDocument document) {
        return new SettingsView(document.id, document.tenantId, document.scope, document.name, document.version,
                document.updatedAt, document.updatedBy, document.content);
    }
}
