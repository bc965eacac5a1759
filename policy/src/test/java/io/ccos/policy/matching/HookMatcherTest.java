package io.ccos.policy.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Claude Code's matcher semantics, case by case from its hooks reference ("Matcher patterns"). */
class HookMatcherTest {

    @ParameterizedTest(name = "[{0}] on {1} against ''{2}'' -> {3}")
    @CsvSource(delimiterString = " ¦ ", quoteCharacter = '\'', textBlock = """
            * ¦ PreToolUse ¦ Bash ¦ true
            '' ¦ PreToolUse ¦ Bash ¦ true
            Bash ¦ PreToolUse ¦ Bash ¦ true
            Bash ¦ PreToolUse ¦ bash ¦ false
            Bash ¦ PreToolUse ¦ BashOutput ¦ false
            Edit|Write ¦ PreToolUse ¦ Write ¦ true
            Edit|Write ¦ PreToolUse ¦ NotebookEdit ¦ false
            'Edit, Write' ¦ PreToolUse ¦ Write ¦ true
            ' Edit | Write ' ¦ PreToolUse ¦ Edit ¦ true
            Edit.* ¦ PreToolUse ¦ NotebookEdit ¦ true
            ^Edit$ ¦ PreToolUse ¦ NotebookEdit ¦ false
            ^Edit$ ¦ PreToolUse ¦ Edit ¦ true
            mcp__memory ¦ PreToolUse ¦ mcp__memory__create ¦ false
            mcp__memory__.* ¦ PreToolUse ¦ mcp__memory__create ¦ true
            mcp__brave-search__.* ¦ PreToolUse ¦ mcp__brave-search__web ¦ true
            mcp__.*__write.* ¦ PreToolUse ¦ mcp__fs__write_file ¦ true
            mcp__.*__write.* ¦ PreToolUse ¦ mcp__fs__read_file ¦ false
            mcp__plugin_p_db__.* ¦ PreToolUse ¦ mcp__plugin_p_db__query ¦ true
            startup|resume ¦ SessionStart ¦ resume ¦ true
            startup|resume ¦ SessionStart ¦ clear ¦ false
            ^my-plugin:reviewer$ ¦ SubagentStop ¦ my-plugin:reviewer ¦ true
            rate_limit|overloaded ¦ StopFailure ¦ overloaded ¦ true
            rate-limit ¦ StopFailure ¦ xrate-limitx ¦ true
            .env|package.json ¦ FileChanged ¦ .env ¦ true
            '' ¦ SubagentStop ¦ '' ¦ true
            Explore ¦ SubagentStop ¦ '' ¦ false
            """)
    void matchesAsClaudeCodeDoes(String matcher, String event, String value, boolean expected) {
        assertEquals(expected, HookMatcher.compile(matcher, event).matches(value));
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " ¦ ", textBlock = """
            (?<=a)b
            (a)\\1
            [unclosed
            """)
    void refusesWhatCannotRunInLinearTime(String matcher) {
        assertThrows(IllegalArgumentException.class, () -> HookMatcher.compile(matcher, "PreToolUse"));
    }
}
