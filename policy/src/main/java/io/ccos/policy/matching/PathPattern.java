package io.ccos.policy.matching;

import java.util.regex.Pattern;

/**
 * A Read(...) or Edit(...) specifier, in gitignore style as Claude Code reads it: {@code //path} is
 * absolute, {@code ~/path} is under the user's home, {@code /path} and {@code path} are under the project
 * (the session's working directory: the central registry's settings source), a bare file name such as
 * {@code .env} matches at any depth; {@code *} stays within a path segment, {@code **} crosses directories,
 * {@code ?} is one character.
 */
public final class PathPattern {

    private final String source;
    /** The pattern resolved for the last project seen: sessions of one project ask again and again. */
    private volatile Resolved last;

    private record Resolved(String cwd, String home, Pattern regex) {
    }

    public PathPattern(String source) {
        this.source = source;
    }

    public String source() {
        return source;
    }

    /**
     * @param path the absolute path the tool touches
     * @param cwd  the session's working directory
     * @param home the user's home directory, or null when unknown (a ~/ pattern then matches the path
     *             under any directory, which errs towards matching: rules here mostly deny)
     */
    public boolean matches(String path, String cwd, String home) {
        if (path == null || path.isEmpty()) {
            return false;
        }
        String absolute = path.startsWith("/") || cwd == null ? path : join(cwd, path);
        Resolved resolved = last;
        if (resolved == null || !java.util.Objects.equals(resolved.cwd(), cwd) || !java.util.Objects.equals(resolved.home(), home)) {
            resolved = new Resolved(cwd, home, regex(cwd, home));
            last = resolved;
        }
        return resolved.regex().matcher(normalize(absolute)).matches();
    }

    private Pattern regex(String cwd, String home) {
        String glob;
        if (source.startsWith("//")) {
            glob = source.substring(1);
        } else if (source.startsWith("~/")) {
            glob = home != null ? join(home, source.substring(2)) : "**/" + source.substring(2);
        } else if (!source.contains("/")) {
            glob = "**/" + source;
        } else {
            String relative = source.startsWith("./") ? source.substring(2) : source.startsWith("/") ? source.substring(1) : source;
            glob = cwd != null ? join(cwd, relative) : "**/" + relative;
        }
        return Pattern.compile(toRegex(normalize(glob)));
    }

    private static String toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        if (glob.startsWith("**/")) {
            regex.append("(?:.*/)?");
            glob = glob.substring(3);
        }
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                regex.append(slashAfter ? "(?:.*/)?" : ".*");
                i += slashAfter ? 2 : 1;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        // A directory matches with everything under it, as gitignore reads "dir" and "dir/".
        return regex + "(?:/.*)?";
    }

    private static String join(String directory, String relative) {
        return directory.endsWith("/") ? directory + relative : directory + "/" + relative;
    }

    /** Collapses "//", "/./" and "dir/../" so that a path cannot slip past a pattern by spelling. */
    private static String normalize(String path) {
        String[] parts = path.split("/", -1);
        java.util.ArrayDeque<String> kept = new java.util.ArrayDeque<>();
        for (String part : parts) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(part);
            }
        }
        String joined = String.join("/", kept);
        return path.startsWith("/") ? "/" + joined : joined;
    }
}
