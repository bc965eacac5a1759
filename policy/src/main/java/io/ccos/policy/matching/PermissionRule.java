package io.ccos.policy.matching;

import com.fasterxml.jackson.databind.JsonNode;
import io.ccos.policy.event.HookInput;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A handler's `if`: one rule in Claude Code's permission-rule syntax, {@code Tool} or
 * {@code Tool(specifier)}, matched as deny and ask rules are (a hook's `if` filters towards running it):
 * <ul>
 * <li>{@code Bash(git *)}: any simple command of the call matches the pattern ({@link ShellCommands});
 *     {@code *} is any text, a trailing " *" also matches the bare command, a trailing ":*" means " *";
 *     a command that cannot be parsed matches.</li>
 * <li>{@code Read(.env)}, {@code Edit(src/**)}: the tool's path as a {@link PathPattern}; Edit covers the
 *     editing tools (Write, MultiEdit, NotebookEdit), Read the reading ones (Glob, Grep).</li>
 * <li>{@code WebFetch(domain:example.com)}: the URL's host; {@code *.example.com} is any subdomain depth, not
 *     the apex.</li>
 * <li>{@code mcp__server} and {@code mcp__server__*}: every tool of that server; {@code mcp__server__tool}: one.</li>
 * <li>{@code Agent(name)}: the subagent type; any other {@code Tool(specifier)} globs the tool's main field.</li>
 * </ul>
 */
public final class PermissionRule {

    private static final Pattern SHAPE = Pattern.compile("([A-Za-z0-9_*-]+)(?:\\((.*)\\))?", Pattern.DOTALL);
    private static final Set<String> EDITING_TOOLS = Set.of("Edit", "Write", "MultiEdit", "NotebookEdit");
    private static final Set<String> READING_TOOLS = Set.of("Read", "Glob", "Grep", "NotebookRead");
    private static final List<String> MAIN_FIELDS = List.of("command", "file_path", "notebook_path", "path", "url", "pattern", "query", "prompt");

    /** The simple commands of the input's command line, split once per decision for every rule that asks. */
    private static final Object COMMANDS = new Object();

    private final String source;
    private final String tool;
    private final String specifier;
    // Compiled once with the registry: the decision path only runs them.
    private final Pattern specifierGlob;
    private final Pattern bareCommand;
    private final PathPattern path;
    private final Predicate<String> toolName;

    private PermissionRule(String source, String tool, String specifier) {
        this.source = source;
        this.tool = tool;
        this.specifier = specifier;
        boolean shell = tool.equals("Bash") || tool.equals("PowerShell");
        String pattern = specifier == null ? null
                : shell && specifier.endsWith(":*") ? specifier.substring(0, specifier.length() - 2) + " *" : specifier;
        this.specifierGlob = pattern == null ? null : glob(pattern, tool.equals("PowerShell"));
        // "A * at the end, with a space before it, also matches the bare command", when it is the only one.
        this.bareCommand = shell && pattern != null && pattern.endsWith(" *") && pattern.indexOf('*') == pattern.length() - 1
                ? glob(pattern.substring(0, pattern.length() - 2), tool.equals("PowerShell")) : null;
        this.path = specifier == null ? null : new PathPattern(specifier);
        this.toolName = toolNameMatcher(tool);
    }

    public static PermissionRule parse(String rule) {
        Matcher shape = SHAPE.matcher(rule.strip());
        if (!shape.matches()) {
            throw new IllegalArgumentException("not a permission rule: expected Tool or Tool(specifier), e.g. Bash(git *)");
        }
        String specifier = shape.group(2);
        return new PermissionRule(rule, shape.group(1), specifier == null || specifier.equals("*") ? null : specifier);
    }

    /** The rule as written. */
    public String source() {
        return source;
    }

    public boolean matches(HookInput input) {
        String toolName = input.toolName();
        if (toolName == null || !toolMatches(toolName)) {
            return false;
        }
        if (specifier == null) {
            return true;
        }
        JsonNode toolInput = input.toolInput();
        return switch (tool) {
            case "Bash", "PowerShell" -> commandMatches(input.derived(COMMANDS, in -> ShellCommands.of(in.toolInput().path("command").asText(""))));
            case "Read", "Edit" -> path.matches(firstText(toolInput, "file_path", "notebook_path", "path"),
                    input.cwd(), input.homeDirectory());
            case "WebFetch" -> domainMatches(toolInput.path("url").asText(""));
            case "Agent", "Task" -> specifier.equals(toolInput.path("subagent_type").asText(null));
            default -> specifierGlob.matcher(firstText(toolInput, MAIN_FIELDS)).matches();
        };
    }

    private boolean toolMatches(String name) {
        return toolName.test(name);
    }

    private static Predicate<String> toolNameMatcher(String tool) {
        if (tool.startsWith("mcp__")) {
            String[] parts = tool.split("__", 3);
            if (parts.length == 2 || (parts.length == 3 && parts[2].equals("*"))) {
                String prefix = "mcp__" + parts[1] + "__";
                return name -> name.startsWith(prefix);
            }
            return Pattern.compile(Pattern.quote(tool).replace("*", "\\E.*\\Q")).asMatchPredicate();
        }
        return switch (tool) {
            case "Edit" -> EDITING_TOOLS::contains;
            case "Read" -> READING_TOOLS::contains;
            case "Agent", "Task" -> name -> name.equals("Agent") || name.equals("Task");
            default -> tool::equals;
        };
    }

    private boolean commandMatches(Optional<List<String>> commands) {
        if (commands.isEmpty()) {
            return true; // cannot tell what runs: a deny or ask filter must not let it through
        }
        return commands.get().stream().anyMatch(c -> specifierGlob.matcher(c).matches() || (bareCommand != null && bareCommand.matcher(c).matches()));
    }

    private boolean domainMatches(String url) {
        if (!specifier.startsWith("domain:")) {
            return specifierGlob.matcher(url).matches();
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return true; // an unreadable URL: err towards the rule
        }
        if (host == null) {
            return true;
        }
        host = stripDot(host.toLowerCase(Locale.ROOT));
        String domain = stripDot(specifier.substring("domain:".length()).toLowerCase(Locale.ROOT));
        if (domain.equals("*")) {
            return true;
        }
        if (domain.startsWith("*.")) {
            return host.endsWith(domain.substring(1));
        }
        return Pattern.compile(Pattern.quote(domain).replace("*", "\\E[^.]*\\Q")).matcher(host).matches();
    }

    private static String stripDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static Pattern glob(String pattern, boolean caseInsensitive) {
        StringBuilder regex = new StringBuilder();
        for (String literal : pattern.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal.replaceAll("\\s+", " ")));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE : 0));
    }

    private static String firstText(JsonNode node, String... fields) {
        return firstText(node, List.of(fields));
    }

    private static String firstText(JsonNode node, List<String> fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return "";
    }
}
