package io.ccos.gateway.registry;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude Code's .mcp.json expansion, with the tenant's variables in place of the environment: {@code ${NAME}}
 * is the variable's value, {@code ${NAME:-default}} the default when it is not set. A name that is neither set
 * nor defaulted is reported, and the text is not used.
 */
final class VariableExpansion {

    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private VariableExpansion() {
    }

    /** {@code text} expanded; the names it needs but {@code variables} lacks go to {@code missing}. */
    static String expand(String text, Map<String, String> variables, Set<String> missing) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        Matcher reference = REFERENCE.matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String value = variables.get(reference.group(1));
            if (value == null) {
                value = reference.group(2);
            }
            if (value == null) {
                missing.add(reference.group(1));
                value = "";
            }
            reference.appendReplacement(expanded, Matcher.quoteReplacement(value));
        }
        return reference.appendTail(expanded).toString();
    }

    /** {@code text} with each reference replaced by {@code stand}: what it looks like expanded, for validation. */
    static String withStandIns(String text, Function<String, String> stand) {
        return text == null ? null : REFERENCE.matcher(text).replaceAll(match -> Matcher.quoteReplacement(stand.apply(match.group(1))));
    }
}
