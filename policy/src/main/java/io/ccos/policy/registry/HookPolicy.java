package io.ccos.policy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.policy.event.HookEvents;
import io.ccos.policy.event.HookInput;
import io.ccos.policy.matching.HookMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's hook registry, compiled: per event, matcher groups of hooks in Claude Code's shape
 * ({@code event -> [{matcher, hooks: [...]}]}), with every matcher, `if` rule and condition compiled once.
 * Immutable, so a decision reads it without locks while a newer version is being compiled.
 */
public final class HookPolicy {

    public static final HookPolicy EMPTY = new HookPolicy(Map.of(), 0, false);

    /** A matcher group: its hooks run when the matcher matches the event's matched value. */
    public record Group(HookMatcher matcher, List<Hook> hooks) {
    }

    private final Map<String, List<Group>> groups;
    private final int size;
    private final boolean strictAudit;

    HookPolicy(Map<String, List<Group>> groups, int size, boolean strictAudit) {
        this.groups = Map.copyOf(groups);
        this.size = size;
        this.strictAudit = strictAudit;
    }

    /** @throws RegistryException listing every defect of the document */
    public static HookPolicy compile(JsonNode document) {
        return RegistryReader.read(document);
    }

    /**
     * The registry's {@code "audit": {"strict": true}}: a decision is answered only once its audit record is
     * durable (acknowledged by Kafka, or written to the outbox while Kafka is away).
     */
    public boolean strictAudit() {
        return strictAudit;
    }

    /** How many hooks the registry holds, packs included. */
    public int size() {
        return size;
    }

    public List<Group> groups(String event) {
        return groups.getOrDefault(event, List.of());
    }

    /**
     * The hooks to run for an input, in registry order, each once: the groups whose matcher matches (a
     * matcher on an event without one is ignored), the hooks whose `if` rule matches (a hook with `if`
     * runs only on tool events), two hooks defined alike only once.
     */
    public List<Hook> hooksFor(HookInput input) {
        List<Group> eventGroups = groups(input.event());
        if (eventGroups.isEmpty()) {
            return List.of();
        }
        boolean matcherApplies = HookEvents.matchedField(input.event()) != null;
        boolean toolEvent = HookEvents.isToolEvent(input.event());
        String value = matcherApplies ? input.matchedValue() : null;
        Map<String, Hook> selected = new LinkedHashMap<>();
        for (Group group : eventGroups) {
            if (matcherApplies && !group.matcher().matches(value)) {
                continue;
            }
            for (Hook hook : group.hooks()) {
                if (hook.when() != null && (!toolEvent || !hook.when().matches(input))) {
                    continue;
                }
                selected.putIfAbsent(hook.identity(), hook);
            }
        }
        return selected.isEmpty() ? List.of() : new ArrayList<>(selected.values());
    }
}
