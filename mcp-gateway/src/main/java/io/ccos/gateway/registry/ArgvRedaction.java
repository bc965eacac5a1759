package io.ccos.gateway.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A stdio server's argv as the API shows it: values that look like credentials are replaced, because
 * everyone who may read the registrations sees it (secrets belong in the registration's env, which is
 * never shown). Caught: the value after a flag such as {@code --token} or {@code --api-key}, the value of
 * {@code --password=...} or {@code API_KEY=...}, and strings shaped like well-known tokens.
 */
final class ArgvRedaction {

    static final String REDACTED = "****";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|passw(or)?d|api[-_]?key|access[-_]?key|credential|auth).*");
    private static final Pattern TOKEN_SHAPE = Pattern.compile(
            "(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\\w{20,}|sk-[A-Za-z0-9_-]{16,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|eyJ[\\w-]{10,}\\.[\\w-]{10,}\\.[\\w-]+)");

    private ArgvRedaction() {
    }

    static List<String> redacted(List<String> argv) {
        if (argv == null) {
            return null;
        }
        List<String> shown = new ArrayList<>(argv.size());
        boolean nextIsSecret = false;
        for (String arg : argv) {
            if (nextIsSecret) {
                shown.add(REDACTED);
                nextIsSecret = false;
                continue;
            }
            int equals = arg.indexOf('=');
            if (equals > 0 && SECRET_NAME.matcher(arg.substring(0, equals)).matches()) {
                shown.add(arg.substring(0, equals + 1) + REDACTED);
            } else if (TOKEN_SHAPE.matcher(arg).find()) {
                shown.add(REDACTED);
            } else {
                shown.add(arg);
                nextIsSecret = arg.startsWith("-") && equals < 0 && SECRET_NAME.matcher(arg.toLowerCase(Locale.ROOT)).matches();
            }
        }
        return shown;
    }
}
