package io.ccos.platform.edge;

/**
 * Control characters escaped for a log line, so that a value taken from a request (a path, a header, a
 * name) cannot end a line and forge the next one in the plain-text format.
 */
public final class EscapedLogValues {

    private EscapedLogValues() {
    }

    public static String escape(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder escaped = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                if (escaped == null) {
                    escaped = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                switch (c) {
                    case '\n' -> escaped.append("\\n");
                    case '\r' -> escaped.append("\\r");
                    case '\t' -> escaped.append("\\t");
                    default -> escaped.append(String.format("\\u%04x", (int) c));
                }
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? value : escaped.toString();
    }
}
