package io.ccos.policy.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ccos.policy.decision.Effect;
import io.ccos.policy.decision.PermissionDecision;
import io.ccos.policy.event.HookEvents;
import io.ccos.policy.matching.HookMatcher;
import io.ccos.policy.matching.PermissionRule;
import io.ccos.policy.packs.PolicyPacks;
import io.ccos.policy.rules.Condition;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a hook registry document into a {@link HookPolicy}, collecting every defect with its JSON pointer
 * rather than stopping at the first, so a tenant admin fixes a document in one round:
 * <pre>
 * { "packs": { "default": { "allowedDomains": ["github.com"] } },
 *   "hooks": { "PreToolUse": [ { "matcher": "Bash", "hooks": [
 *       { "type": "rule", "id": "no-force-push", "if": "Bash(git push *)",
 *         "when": "tool_input.command.contains('--force')", "decision": "deny", "reason": "..." },
 *       { "type": "command", "command": ["/opt/checks/bash-guard"], "timeout": 5, "failMode": "closed" },
 *       { "type": "webhook", "url": "https://hooks.example.com/claude", "secret": "...", "retries": 2 } ] } ] } }
 * </pre>
 */
final class RegistryReader {

    static final int MAX_HOOKS = 2000;
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_WEBHOOK_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> COMMON = Set.of("type", "id", "if", "failMode", "onFailure", "statusMessage");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "rule", Set.of("when", "decision", "reason", "additionalContext", "updatedInput", "systemMessage", "continue", "stopReason"),
            "command", Set.of("command", "args", "shell", "env", "cwd", "timeout"),
            "webhook", Set.of("url", "secret", "retries", "timeout"));
    private static final ObjectMapper CANONICAL = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final List<RegistryException.Violation> violations = new ArrayList<>();
    private int hooks;

    private RegistryReader() {
    }

    static HookPolicy read(JsonNode document) {
        return new RegistryReader().policy(document);
    }

    private HookPolicy policy(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new RegistryException(List.of(new RegistryException.Violation("", "a hook registry is a JSON object")));
        }
        allowOnly(document, "", Set.of("packs", "hooks", "audit"));
        boolean strictAudit = strictAudit(document.path("audit"));
        Map<String, List<HookPolicy.Group>> groups = new LinkedHashMap<>();
        JsonNode packs = document.path("packs");
        if (!packs.isMissingNode()) {
            for (Map.Entry<String, JsonNode> pack : PolicyPacks.expand(packs, violations).entrySet()) {
                events(pack.getValue(), "/packs/" + pack.getKey(), pack.getKey() + "/", groups);
            }
        }
        JsonNode hooksNode = document.path("hooks");
        if (!hooksNode.isMissingNode()) {
            events(hooksNode, "/hooks", "", groups);
        }
        if (hooks > MAX_HOOKS) {
            violations.add(new RegistryException.Violation("/hooks", "at most " + MAX_HOOKS + " hooks, found " + hooks));
        }
        if (!violations.isEmpty()) {
            throw new RegistryException(violations);
        }
        return new HookPolicy(groups, hooks, strictAudit);
    }

    /** {@code "audit": {"strict": true|false}}; absent means false. */
    private boolean strictAudit(JsonNode audit) {
        if (audit.isMissingNode()) {
            return false;
        }
        if (!audit.isObject()) {
            violations.add(new RegistryException.Violation("/audit", "an object, e.g. {\"strict\": true}"));
            return false;
        }
        allowOnly(audit, "/audit", Set.of("strict"));
        JsonNode strict = audit.path("strict");
        if (!strict.isMissingNode() && !strict.isBoolean()) {
            violations.add(new RegistryException.Violation("/audit/strict", "true or false"));
            return false;
        }
        return strict.asBoolean(false);
    }

    private void events(JsonNode node, String pointer, String idPrefix, Map<String, List<HookPolicy.Group>> groups) {
        if (!node.isObject()) {
            violations.add(new RegistryException.Violation(pointer, "an object of hook events, e.g. {\"PreToolUse\": [...]}"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> events = node.fields(); events.hasNext(); ) {
            Map.Entry<String, JsonNode> event = events.next();
            String at = pointer + "/" + escape(event.getKey());
            if (!HookEvents.isWellFormed(event.getKey())) {
                violations.add(new RegistryException.Violation(at, "not a hook event name"));
                continue;
            }
            if (!event.getValue().isArray()) {
                violations.add(new RegistryException.Violation(at, "a list of matcher groups, e.g. [{\"matcher\": \"Bash\", \"hooks\": [...]}]"));
                continue;
            }
            for (int g = 0; g < event.getValue().size(); g++) {
                HookPolicy.Group group = group(event.getKey(), event.getValue().get(g), at + "/" + g, idPrefix);
                if (group != null) {
                    groups.computeIfAbsent(event.getKey(), e -> new ArrayList<>()).add(group);
                }
            }
        }
    }

    private HookPolicy.Group group(String event, JsonNode node, String at, String idPrefix) {
        if (!node.isObject()) {
            violations.add(new RegistryException.Violation(at, "a matcher group {\"matcher\": ..., \"hooks\": [...]}"));
            return null;
        }
        allowOnly(node, at, Set.of("matcher", "hooks"));
        HookMatcher matcher = null;
        JsonNode matcherNode = node.path("matcher");
        if (!matcherNode.isMissingNode() && !matcherNode.isTextual()) {
            violations.add(new RegistryException.Violation(at + "/matcher", "a string"));
        } else {
            try {
                matcher = HookMatcher.compile(matcherNode.isTextual() ? matcherNode.asText() : null, event);
            } catch (IllegalArgumentException e) {
                violations.add(new RegistryException.Violation(at + "/matcher", e.getMessage()));
            }
        }
        JsonNode handlers = node.path("hooks");
        if (!handlers.isArray() || handlers.isEmpty()) {
            violations.add(new RegistryException.Violation(at + "/hooks", "a non-empty list of hooks"));
            return null;
        }
        List<Hook> result = new ArrayList<>();
        for (int h = 0; h < handlers.size(); h++) {
            hooks++;
            Hook hook = hook(event, handlers.get(h), at + "/hooks/" + h, idPrefix);
            if (hook != null) {
                result.add(hook);
            }
        }
        return matcher == null ? null : new HookPolicy.Group(matcher, List.copyOf(result));
    }

    private Hook hook(String event, JsonNode node, String at, String idPrefix) {
        if (!node.isObject()) {
            violations.add(new RegistryException.Violation(at, "a hook object with a type"));
            return null;
        }
        String type = node.path("type").asText("");
        Set<String> fields = FIELDS.get(type);
        if (fields == null) {
            violations.add(new RegistryException.Violation(at + "/type", "one of rule, command, webhook"));
            return null;
        }
        allowOnly(node, at, union(COMMON, fields));
        int before = violations.size();
        String id = idPrefix + text(node, "id", at, positionalId(at));
        PermissionRule when = null;
        String ifRule = text(node, "if", at, null);
        if (ifRule != null) {
            try {
                when = PermissionRule.parse(ifRule);
            } catch (IllegalArgumentException e) {
                violations.add(new RegistryException.Violation(at + "/if", e.getMessage()));
            }
        }
        FailMode failMode = failMode(event, node, at);
        HookHandler handler = switch (type) {
            case "rule" -> rule(event, node, at);
            case "command" -> command(node, at);
            default -> webhook(node, at);
        };
        if (violations.size() > before || handler == null) {
            return null;
        }
        return new Hook(id, event + ":" + canonical(node, idPrefix), when, failMode, handler);
    }

    private HookHandler.Rule rule(String event, JsonNode node, String at) {
        Condition when = null;
        String source = text(node, "when", at, null);
        if (source != null) {
            try {
                when = Condition.compile(source);
            } catch (IllegalArgumentException e) {
                violations.add(new RegistryException.Violation(at + "/when", "not a boolean CEL expression: " + e.getMessage()));
            }
        }
        PermissionDecision permission = null;
        boolean block = false;
        String decision = text(node, "decision", at, null);
        if (decision != null) {
            try {
                permission = PermissionDecision.fromWire(decision);
                block = permission == PermissionDecision.DENY;
            } catch (IllegalArgumentException e) {
                violations.add(new RegistryException.Violation(at + "/decision", "one of allow, ask, defer, deny, block"));
            }
        }
        JsonNode updatedInput = node.get("updatedInput");
        if (updatedInput != null && !updatedInput.isObject()) {
            violations.add(new RegistryException.Violation(at + "/updatedInput", "an object: the whole tool input to run instead"));
        }
        JsonNode proceed = node.get("continue");
        if (proceed != null && !proceed.isBoolean()) {
            violations.add(new RegistryException.Violation(at + "/continue", "a boolean"));
        }
        Effect effect = new Effect(permission, block, text(node, "reason", at, null), text(node, "additionalContext", at, null),
                updatedInput, text(node, "systemMessage", at, null), proceed != null && !proceed.asBoolean(true),
                text(node, "stopReason", at, null));
        if (effect.isEmpty()) {
            violations.add(new RegistryException.Violation(at, "a rule must have an effect: decision, additionalContext, "
                    + "updatedInput, systemMessage or continue:false"));
        }
        return new HookHandler.Rule(when, effect);
    }

    private HookHandler.Command command(JsonNode node, String at) {
        boolean shell = node.path("shell").asBoolean(false);
        if (node.has("shell") && !node.get("shell").isBoolean()) {
            violations.add(new RegistryException.Violation(at + "/shell", "a boolean"));
        }
        JsonNode command = node.path("command");
        List<String> argv = new ArrayList<>();
        if (command.isTextual() && !command.asText().isBlank()) {
            if (shell) {
                argv.addAll(List.of("/bin/sh", "-c", command.asText()));
            } else {
                argv.add(command.asText().strip());
            }
        } else if (command.isArray() && !command.isEmpty() && !shell) {
            command.forEach(arg -> argv.add(arg.asText()));
            if (!allText(command)) {
                violations.add(new RegistryException.Violation(at + "/command", "a list of strings"));
            }
        } else {
            violations.add(new RegistryException.Violation(at + "/command", shell
                    ? "with shell: a non-empty command string" : "a program path, or a list: the program and its arguments"));
        }
        JsonNode args = node.path("args");
        if (!args.isMissingNode()) {
            if (!args.isArray() || !allText(args) || shell || !command.isTextual()) {
                violations.add(new RegistryException.Violation(at + "/args", "a list of strings, beside a command string, without shell"));
            } else {
                args.forEach(arg -> argv.add(arg.asText()));
            }
        }
        if (!argv.isEmpty() && !shell && argv.getFirst().contains(" ")) {
            violations.add(new RegistryException.Violation(at + "/command", "runs without a shell: give the program alone and its "
                    + "arguments in a list (or args); only a tenant admin's \"shell\": true runs a command line"));
        }
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode envNode = node.path("env");
        if (!envNode.isMissingNode()) {
            if (!envNode.isObject()) {
                violations.add(new RegistryException.Violation(at + "/env", "an object of variable names to strings"));
            } else {
                envNode.fields().forEachRemaining(e -> {
                    if (!e.getKey().matches("[A-Za-z_][A-Za-z0-9_]*") || !e.getValue().isTextual()) {
                        violations.add(new RegistryException.Violation(at + "/env/" + escape(e.getKey()), "a variable name with a string value"));
                    } else {
                        env.put(e.getKey(), e.getValue().asText());
                    }
                });
            }
        }
        String cwd = text(node, "cwd", at, null);
        if (cwd != null && !cwd.startsWith("/")) {
            violations.add(new RegistryException.Violation(at + "/cwd", "an absolute directory"));
        }
        return new HookHandler.Command(List.copyOf(argv), shell, Map.copyOf(env), cwd, timeout(node, at, DEFAULT_COMMAND_TIMEOUT));
    }

    private HookHandler.Webhook webhook(JsonNode node, String at) {
        URI url = null;
        String text = text(node, "url", at, null);
        try {
            url = text == null ? null : URI.create(text);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (url == null || url.getHost() == null || !("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
            violations.add(new RegistryException.Violation(at + "/url", "an http(s) URL"));
        }
        String secret = text(node, "secret", at, null);
        if (secret == null || secret.length() < 16) {
            violations.add(new RegistryException.Violation(at + "/secret", "a signing secret of at least 16 characters"));
        }
        int retries = node.path("retries").asInt(0);
        if (node.has("retries") && (!node.get("retries").canConvertToInt() || retries < 0 || retries > 5)) {
            violations.add(new RegistryException.Violation(at + "/retries", "0 to 5"));
        }
        return new HookHandler.Webhook(url, secret, timeout(node, at, DEFAULT_WEBHOOK_TIMEOUT), retries);
    }

    private FailMode failMode(String event, JsonNode node, String at) {
        String failMode = text(node, "failMode", at, null);
        String onFailure = text(node, "onFailure", at, null);
        if (failMode != null) {
            return switch (failMode) {
                case "open" -> FailMode.OPEN;
                case "closed" -> FailMode.CLOSED;
                default -> {
                    violations.add(new RegistryException.Violation(at + "/failMode", "open or closed"));
                    yield FailMode.OPEN;
                }
            };
        }
        if (onFailure != null) {
            return switch (onFailure) {
                case "block" -> FailMode.CLOSED;
                case "continue" -> FailMode.OPEN;
                default -> {
                    violations.add(new RegistryException.Violation(at + "/onFailure", "block or continue"));
                    yield FailMode.OPEN;
                }
            };
        }
        return FailMode.defaultFor(event);
    }

    private Duration timeout(JsonNode node, String at, Duration fallback) {
        JsonNode timeout = node.get("timeout");
        if (timeout == null) {
            return fallback;
        }
        if (!timeout.isNumber() || timeout.asDouble() <= 0 || timeout.asDouble() > MAX_TIMEOUT.toSeconds()) {
            violations.add(new RegistryException.Violation(at + "/timeout", "seconds, above 0 and at most " + MAX_TIMEOUT.toSeconds()));
            return fallback;
        }
        return Duration.ofMillis(Math.round(timeout.asDouble() * 1000));
    }

    private String text(JsonNode node, String field, String at, String fallback) {
        JsonNode value = node.get(field);
        if (value == null) {
            return fallback;
        }
        if (!value.isTextual()) {
            violations.add(new RegistryException.Violation(at + "/" + field, "a string"));
            return fallback;
        }
        return value.asText();
    }

    private void allowOnly(JsonNode node, String at, Set<String> allowed) {
        node.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                violations.add(new RegistryException.Violation(at + "/" + escape(name), "unknown field (allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ")"));
            }
        });
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The hook's definition without its id: alike hooks in different places (or packs) run once. */
    private static String canonical(JsonNode node, String idPrefix) {
        try {
            Object plain = CANONICAL.treeToValue(((com.fasterxml.jackson.databind.node.ObjectNode) node.deepCopy()).without("id"), Object.class);
            return CANONICAL.writeValueAsString(plain);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return idPrefix + node; // cannot happen for a tree read from JSON
        }
    }

    /** "PreToolUse.0.1" for the second hook of the first group of PreToolUse: the id of a hook without one. */
    private static String positionalId(String at) {
        String[] parts = at.split("/");
        int n = parts.length; // .../<event>/<group>/hooks/<hook>
        return parts[n - 4] + "." + parts[n - 3] + "." + parts[n - 1];
    }

    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
