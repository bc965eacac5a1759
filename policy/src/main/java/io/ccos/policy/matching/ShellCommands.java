package io.ccos.policy.matching;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simple commands a Bash tool call runs, as Claude Code's permission rules see them: split on the
 * unquoted operators &&, ||, ;, |, |&, & and newlines, with the commands of $(...) and `...` added, each
 * stripped of leading VAR=value assignments and of the wrappers that only run another command (timeout,
 * time, nice, nohup, stdbuf, command, builtin, noglob, bare xargs). Whitespace runs become one space.
 * Empty when the command cannot be parsed (an unclosed quote or substitution): a caller matching deny
 * rules then treats the rule as matching, as Claude Code runs the hook when it cannot tell.
 */
public final class ShellCommands {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern ASSIGNMENT = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\"|[^\\s'\"]*)\\s+");
    private static final Pattern WRAPPER = Pattern.compile(
            "^(?:timeout(?:\\s+-[-\\w=]+)*\\s+\\d+(?:\\.\\d+)?[smhd]?|time(?:\\s+-p)?|nice(?:\\s+-n\\s*-?\\d+|\\s+-\\d+)?|nohup"
                    + "|stdbuf(?:\\s+-[ioe]\\s*\\S+)+|command(?=\\s+[^\\s-])|builtin|noglob|xargs(?=\\s+[^\\s-]))\\s+");

    private ShellCommands() {
    }

    public static Optional<List<String>> of(String command) {
        List<String> commands = new ArrayList<>();
        return split(command, commands) ? Optional.of(commands) : Optional.empty();
    }

    private static boolean split(String command, List<String> out) {
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = command.length();
        while (i < n) {
            char c = command.charAt(i);
            if (c == '\\' && i + 1 < n) {
                current.append(c).append(command.charAt(i + 1));
                i += 2;
            } else if (c == '\'') {
                int end = command.indexOf('\'', i + 1);
                if (end < 0) {
                    return false;
                }
                current.append(command, i, end + 1);
                i = end + 1;
            } else if (c == '"') {
                int end = closingDoubleQuote(command, i + 1, out);
                if (end < 0) {
                    return false;
                }
                current.append(command, i, end + 1);
                i = end + 1;
            } else if (c == '`') {
                int end = command.indexOf('`', i + 1);
                if (end < 0 || !split(command.substring(i + 1, end), out)) {
                    return false;
                }
                current.append(command, i, end + 1);
                i = end + 1;
            } else if (c == '$' && i + 1 < n && command.charAt(i + 1) == '(') {
                int end = closingParenthesis(command, i + 2);
                if (end < 0 || !split(command.substring(i + 2, end), out)) {
                    return false;
                }
                current.append(command, i, end + 1);
                i = end + 1;
            } else if (c == ';' || c == '\n' || c == '&' || c == '|') {
                add(current, out);
                current.setLength(0);
                i++;
                if (i < n && (command.charAt(i) == '&' || command.charAt(i) == '|') && c != ';' && c != '\n') {
                    i++; // &&, ||, |&
                }
            } else if ((c == '(' || c == ')' || c == '{' || c == '}') && current.toString().isBlank()) {
                i++; // a subshell or group: its commands are split like any others
            } else {
                current.append(c);
                i++;
            }
        }
        add(current, out);
        return true;
    }

    /** The index of the closing quote; commands substituted inside double quotes are added too. */
    private static int closingDoubleQuote(String command, int from, List<String> out) {
        for (int i = from; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            } else if (c == '$' && i + 1 < command.length() && command.charAt(i + 1) == '(') {
                int end = closingParenthesis(command, i + 2);
                if (end < 0 || !split(command.substring(i + 2, end), out)) {
                    return -1;
                }
                i = end;
            }
        }
        return -1;
    }

    private static int closingParenthesis(String command, int from) {
        int depth = 1;
        char quote = 0;
        for (int i = from; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static void add(CharSequence raw, List<String> out) {
        String command = WHITESPACE.matcher(raw.toString().strip()).replaceAll(" ");
        for (String before = null; !command.equals(before); ) {
            before = command;
            Matcher assignment = ASSIGNMENT.matcher(command);
            if (assignment.find()) {
                command = command.substring(assignment.end());
            }
            Matcher wrapper = WRAPPER.matcher(command);
            if (wrapper.find()) {
                command = command.substring(wrapper.end());
            }
        }
        if (!command.isEmpty()) {
            out.add(command);
        }
    }
}
