package io.ccos.policy.matching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ccos.policy.event.HookInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The `if` field: permission-rule syntax, cases from Claude Code's permissions and hooks references. */
class PermissionRuleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static HookInput call(String tool, String field, String value) {
        ObjectNode json = JSON.createObjectNode()
                .put("hook_event_name", "PreToolUse")
                .put("cwd", "/home/dev/project")
                .put("transcript_path", "/home/dev/.claude/projects/-home-dev-project/s.jsonl")
                .put("tool_name", tool);
        json.putObject("tool_input").put(field, value);
        return new HookInput("PreToolUse", json);
    }

    @ParameterizedTest(name = "{0} on ''{1}'' -> {2}")
    @CsvSource(delimiterString = " ¦ ", quoteCharacter = '"', textBlock = """
            Bash ¦ anything at all ¦ true
            Bash(npm run build) ¦ npm run build ¦ true
            Bash(npm run build) ¦ npm run build --watch ¦ false
            Bash(npm run *) ¦ npm run test --watch ¦ true
            Bash(npm run *) ¦ npm run ¦ true
            Bash(npm run *) ¦ npm install ¦ false
            Bash(ls *) ¦ ls ¦ true
            Bash(ls *) ¦ lsof ¦ false
            Bash(ls*) ¦ lsof ¦ true
            Bash(ls:*) ¦ ls -la ¦ true
            Bash(git log * main) ¦ git log --oneline main ¦ true
            Bash(git log * main) ¦ git log main ¦ false
            Bash(git * main) ¦ git merge main ¦ true
            Bash(* --version) ¦ node --version ¦ true
            Bash(* --version) ¦ node -v ¦ false
            Bash(git *) ¦ npm test && git push ¦ true
            Bash(git *) ¦ npm test; ls ¦ false
            Bash(git push *) ¦ FOO=bar git push origin ¦ true
            Bash(git push *) ¦ timeout 30 git push origin ¦ true
            Bash(git push *) ¦ nohup   git   push  origin ¦ true
            Bash(rm *) ¦ echo $(rm -rf /) ¦ true
            Bash(rm *) ¦ echo `rm -rf /` ¦ true
            Bash(rm *) ¦ echo $(date) ¦ false
            Bash(rm *) ¦ echo "$(rm -rf x)" ¦ true
            Bash(rm *) ¦ echo 'rm -rf x' ¦ false
            Bash(rm *) ¦ cat x | xargs rm ¦ true
            Bash(rm *) ¦ (cd /tmp && rm -rf x) ¦ true
            Bash(rm *) ¦ echo 'unclosed ¦ true
            Bash(command -v *) ¦ command -v git ¦ true
            """)
    void bashRules(String rule, String command, boolean expected) {
        assertEquals(expected, PermissionRule.parse(rule).matches(call("Bash", "command", command)));
    }

    @ParameterizedTest(name = "{0} on {1} {2} -> {3}")
    @CsvSource(delimiterString = " ¦ ", textBlock = """
            Read(.env) ¦ Read ¦ /home/dev/project/.env ¦ true
            Read(.env) ¦ Read ¦ /home/dev/project/app/.env ¦ true
            Read(.env) ¦ Read ¦ /home/dev/project/.env.local ¦ false
            Read(.env.*) ¦ Read ¦ /home/dev/project/.env.local ¦ true
            Edit(src/**) ¦ Edit ¦ /home/dev/project/src/a/b.ts ¦ true
            Edit(src/**) ¦ Edit ¦ /home/dev/project/lib/src/b.ts ¦ false
            Edit(**/src/**) ¦ Edit ¦ /home/dev/project/lib/src/b.ts ¦ true
            Edit(*.ts) ¦ Write ¦ /home/dev/project/a.ts ¦ true
            Edit(/docs/**) ¦ Edit ¦ /home/dev/project/docs/x.md ¦ true
            Edit(//etc/**) ¦ Edit ¦ /etc/passwd ¦ true
            Read(~/.ssh/**) ¦ Read ¦ /home/dev/.ssh/id_rsa ¦ true
            Read(~/.ssh/**) ¦ Read ¦ /home/other/.ssh/id_rsa ¦ false
            Read(src/*.ts) ¦ Read ¦ /home/dev/project/src/a/b.ts ¦ false
            Read(src/**) ¦ Read ¦ /home/dev/project/src/../secret/x ¦ false
            Read(.env) ¦ Edit ¦ /home/dev/project/.env ¦ false
            """)
    void pathRules(String rule, String tool, String path, boolean expected) {
        assertEquals(expected, PermissionRule.parse(rule).matches(call(tool, "file_path", path)));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiterString = " ¦ ", textBlock = """
            WebFetch(domain:example.com) ¦ https://example.com/a ¦ true
            WebFetch(domain:example.com) ¦ https://EXAMPLE.com./a ¦ true
            WebFetch(domain:example.com) ¦ https://api.example.com/a ¦ false
            WebFetch(domain:*.example.com) ¦ https://a.b.example.com/a ¦ true
            WebFetch(domain:*.example.com) ¦ https://example.com/a ¦ false
            WebFetch(domain:*) ¦ https://anything.org ¦ true
            WebFetch ¦ https://anything.org ¦ true
            """)
    void webFetchRules(String rule, String url, boolean expected) {
        assertEquals(expected, PermissionRule.parse(rule).matches(call("WebFetch", "url", url)));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(delimiterString = " ¦ ", textBlock = """
            mcp__github ¦ mcp__github__create_issue ¦ true
            mcp__github__* ¦ mcp__github__create_issue ¦ true
            mcp__github__create_issue ¦ mcp__github__create_issue ¦ true
            mcp__github__create_issue ¦ mcp__github__list_issues ¦ false
            mcp__github ¦ mcp__gitlab__create_issue ¦ false
            Bash ¦ mcp__github__create_issue ¦ false
            """)
    void mcpRules(String rule, String tool, boolean expected) {
        assertEquals(expected, PermissionRule.parse(rule).matches(call(tool, "x", "y")));
    }

    @Test
    void refusesWhatIsNotARule() {
        assertThrows(IllegalArgumentException.class, () -> PermissionRule.parse("Bash(git *) && Edit"));
        assertThrows(IllegalArgumentException.class, () -> PermissionRule.parse(""));
    }
}
