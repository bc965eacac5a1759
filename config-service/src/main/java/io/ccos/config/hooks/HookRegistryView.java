package io.ccos.config.hooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The hook registry as the API shows it: webhook secrets are replaced by "********" (they are write-only;
 * a PUT that keeps the redacted value keeps the stored secret).
 *
 * @param hooks how many hooks the registry runs, its packs' included
 */
public record HookRegistryView(UUID id, String tenant, long version, Instant updatedAt, String updatedBy, int hooks,
        Map<String, Object> content) {

    static final String REDACTED = "********";

    static HookRegistryView of(HookRegistryDocument document, int hooks) {
        return new HookRegistryView(document.id, document.tenantId, document.version, document.updatedAt, document.updatedBy, hooks,
                redacted(document.content));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> redacted(Map<String, Object> node) {
        Map<String, Object> copy = new LinkedHashMap<>();
        node.forEach((key, value) -> copy.put(key, key.equals("secret") && value instanceof String ? REDACTED : redactedValue(value)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object redactedValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return redacted((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(HookRegistryView::redactedValue).toList();
        }
        return value;
    }
}
