package io.ccos.policy.rules;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.runtime.CelEvaluationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The RE2 patterns of CEL's matches(), each compiled once. Bounded: patterns come from tenants'
 * registries (a few hundred at most); past the bound the cache starts over rather than grow.
 */
final class RegexCache {

    private static final int MAX_PATTERNS = 4096;

    private final ConcurrentHashMap<String, Pattern> patterns = new ConcurrentHashMap<>();
    private final int maxProgramSize;

    RegexCache(int maxProgramSize) {
        this.maxProgramSize = maxProgramSize;
    }

    /** CEL's semantics: true when the pattern matches anywhere in the text. */
    boolean find(String text, String regex) throws CelEvaluationException {
        Pattern pattern = patterns.get(regex);
        if (pattern == null) {
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new CelEvaluationException("invalid regular expression '" + regex + "': " + e.getDescription());
            }
            if (pattern.programSize() > maxProgramSize) {
                throw new CelEvaluationException("regular expression '" + regex + "' exceeds the program size of " + maxProgramSize);
            }
            if (patterns.size() >= MAX_PATTERNS) {
                patterns.clear();
            }
            patterns.put(regex, pattern);
        }
        return pattern.matcher(text).find();
    }
}
