package io.ccos.policy.matching;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.ccos.policy.event.HookEvents;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A matcher group's `matcher`, with Claude Code's semantics: "*", "" or none match everything; a value of
 * only letters, digits, '_', '-', spaces, ',' and '|' is an exact name or a list of names split on '|' or
 * ','; anything else is a regular expression tested unanchored ({@code Edit.*} also matches NotebookEdit).
 * FileChanged and StopFailure take a narrower exact form (letters, digits, '_', split on '|' only).
 * Matching is case-sensitive. Expressions run on RE2J, in time linear in the input, so a tenant's pattern
 * cannot stall the decision path; the few JavaScript constructs RE2 lacks (look-around, back-references)
 * are refused when the registry is compiled.
 */
public sealed interface HookMatcher {

    boolean matches(String value);

    /** The matcher as written. */
    String source();

    static HookMatcher compile(String matcher, String event) {
        if (matcher == null || matcher.isEmpty() || matcher.equals("*")) {
            return new All(matcher == null ? "" : matcher);
        }
        boolean narrow = HookEvents.hasNarrowExactMatchers(event);
        if (narrow ? matcher.matches("[A-Za-z0-9_|]+") : matcher.matches("[A-Za-z0-9_\\- ,|]+")) {
            Set<String> names = Arrays.stream(matcher.split(narrow ? "\\|" : "[|,]"))
                    .map(String::strip)
                    .filter(name -> !name.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
            return new Exact(matcher, names);
        }
        try {
            return new Expression(matcher, Pattern.compile(matcher));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("not a regular expression this server can run in linear time ("
                    + e.getDescription() + ")");
        }
    }

    record All(String source) implements HookMatcher {
        @Override
        public boolean matches(String value) {
            return true;
        }
    }

    record Exact(String source, Set<String> names) implements HookMatcher {
        @Override
        public boolean matches(String value) {
            return names.contains(value);
        }
    }

    record Expression(String source, Pattern pattern) implements HookMatcher {
        @Override
        public boolean matches(String value) {
            return pattern.matcher(value).find();
        }
    }
}
