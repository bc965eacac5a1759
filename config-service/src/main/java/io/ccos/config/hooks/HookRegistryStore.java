package io.ccos.config.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.config.settings.SettingsConfig;
import io.ccos.contracts.config.ConfigChanged;
import io.ccos.contracts.events.EventTypes;
import io.ccos.contracts.events.Topics;
import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.events.EventOutbox;
import io.ccos.platform.problem.ProblemException;
import io.ccos.platform.versioning.WritePrecondition;
import io.ccos.policy.registry.HookPolicy;
import io.ccos.policy.registry.RegistryException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's central hook registry: validated by compiling it as hook-service will ({@link HookPolicy}),
 * so an invalid one is never stored, versioned with optimistic concurrency, each version announced on
 * ccos.config.changed with its content.
 */
@ApplicationScoped
public class HookRegistryStore {

    private final EventOutbox outbox;
    private final SettingsConfig limits;
    private final ObjectMapper json;

    public HookRegistryStore(EventOutbox outbox, SettingsConfig limits, ObjectMapper json) {
        this.outbox = outbox;
        this.limits = limits;
        this.json = json;
    }

    /** The tenant's registry, or null when it has none. */
    @WithSession
    public Uni<HookRegistryView> find() {
        return HookRegistryDocument.findOfTenant().map(document -> document == null ? null : view(document));
    }

    @WithTransaction
    public Uni<HookRegistryView> put(Map<String, Object> content, String author, WritePrecondition precondition) {
        byte[] bytes = bytes(content);
        if (bytes.length > limits.maxDocumentSize().asLongValue()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The registry is " + bytes.length + " bytes as JSON; it may hold at most " + limits.maxDocumentSize().asLongValue()));
        }
        return HookRegistryDocument.findForUpdate().chain(existing -> {
            precondition.check(existing == null ? null : existing.version, limits.requireIfMatch());
            Map<String, Object> complete = withStoredSecrets(content, existing == null ? Map.of() : existing.content, "");
            compile(complete);
            if (existing != null && complete.equals(existing.content)) {
                return Uni.createFrom().item(view(existing));
            }
            HookRegistryDocument document = existing != null ? existing : created();
            document.content = complete;
            document.version++;
            document.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            document.updatedBy = author;
            return document.<HookRegistryDocument>persistAndFlush().chain(saved -> outbox.add(Topics.CONFIG_CHANGED, EventTypes.CONFIG_CHANGED,
                    saved.id.toString(), new ConfigChanged(saved.id, ConfigChanged.HOOK_REGISTRY_SCOPE, ConfigChanged.HOOK_REGISTRY_NAME,
                            saved.version, author, saved.updatedAt, saved.content)).replaceWith(view(saved)));
        });
    }

    private HookRegistryView view(HookRegistryDocument document) {
        return HookRegistryView.of(document, compile(document.content).size());
    }

    /** @throws ProblemException (400) listing every defect at its JSON pointer */
    private HookPolicy compile(Map<String, Object> content) {
        try {
            return HookPolicy.compile(json.valueToTree(content));
        } catch (RegistryException e) {
            List<Problem.Violation> violations = e.violations().stream().map(v -> new Problem.Violation(v.pointer(), v.message())).toList();
            throw ProblemException.invalid(violations);
        }
    }

    /**
     * A secret shown redacted and sent back unchanged stays what it was: a client edits the registry it
     * read without knowing its secrets. A redacted secret with nothing stored at its place is refused.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withStoredSecrets(Map<String, Object> content, Map<String, Object> stored, String pointer) {
        Map<String, Object> complete = new LinkedHashMap<>();
        content.forEach((key, value) -> {
            Object before = stored.get(key);
            if (key.equals("secret") && HookRegistryView.REDACTED.equals(value)) {
                if (!(before instanceof String)) {
                    throw ProblemException.invalid(pointer + "/secret", "the secret itself: there is no stored one here to keep");
                }
                complete.put(key, before);
            } else if (value instanceof Map<?, ?> map) {
                complete.put(key, withStoredSecrets((Map<String, Object>) map, before instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
                        pointer + "/" + key));
            } else if (value instanceof List<?> list) {
                List<?> old = before instanceof List<?> l ? l : List.of();
                List<Object> items = new java.util.ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    Object item = list.get(i);
                    Object oldItem = i < old.size() ? old.get(i) : null;
                    items.add(item instanceof Map<?, ?> map
                            ? withStoredSecrets((Map<String, Object>) map, oldItem instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of(),
                                    pointer + "/" + key + "/" + i)
                            : item);
                }
                complete.put(key, items);
            } else {
                complete.put(key, value);
            }
        });
        return complete;
    }

    private byte[] bytes(Map<String, Object> content) {
        try {
            return json.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a document read from JSON is written as JSON", e);
        }
    }

    private static HookRegistryDocument created() {
        HookRegistryDocument created = new HookRegistryDocument();
        created.id = UUID.randomUUID();
        return created;
    }
}
