package io.ccos.gateway.access;

import java.util.List;

/**
 * A server's access rules. Without rules every caller allowed to use tools ({@code tools:call}) may use
 * every tool of the server; with rules, a caller uses the tools of the rules it matches, and a server none
 * of whose rules it matches is, to it, not there (not listed on /mcp, 404 on its endpoint). A tool the
 * caller may not use is neither listed nor callable.
 */
public record ToolAccess(List<AccessRule> rules) {

    public static final ToolAccess OPEN = new ToolAccess(List.of());

    public ToolAccess {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public boolean allowsServer(Caller caller) {
        return rules.isEmpty() || rules.stream().anyMatch(rule -> rule.matches(caller));
    }

    public boolean allowsTool(Caller caller, String tool) {
        return rules.isEmpty() || rules.stream().anyMatch(rule -> rule.matches(caller) && rule.covers(tool));
    }
}
