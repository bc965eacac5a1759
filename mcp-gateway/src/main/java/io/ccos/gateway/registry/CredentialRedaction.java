package io.ccos.gateway.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A registration as the API shows it, to everyone who may read the registrations: what looks like a
 * credential is replaced (secrets belong in the tenant's variables, referred to as ${NAME}, which are
 * never shown). In an argv: the value after a flag such as {@code --token} or {@code --api-key}, the value
 * of {@code --password=...} or {@code API_KEY=...}, and strings shaped like well-known tokens. In env and
 * headers: a value with anything but variable references under a credential-like name (an
 * {@code Authorization} header may keep its scheme, {@code Bearer ${TOKEN}}), and token-shaped text anywhere.
 */
final class CredentialRedaction {

    static final String REDACTED = "****";
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(token|secret|passw(or)?d|api[-_]?key|access[-_]?key|credential|auth).*");
    private static final Pattern TOKEN_SHAPE = Pattern.compile(
            "(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\\w{20,}|sk-[A-Za-z0-9_-]{16,}|xox[abpr]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|eyJ[\\w-]{10,}\\.[\\w-]{10,}\\.[\\w-]+)");

    private CredentialRedaction() {
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

    private static final Pattern SCHEME_ONLY = Pattern.compile("(?i)\\s*(bearer|basic|token)?\\s*");

    /** env or headers as written, their literal credentials replaced; ${NAME} references are shown, never their values. */
    static Map<String, String> redactedValues(Map<String, Object> values) {
        if (values == null) {
            return null;
        }
        Map<String, String> shown = new TreeMap<>();
        values.forEach((name, value) -> {
            String text = String.valueOf(value);
            String literal = VariableExpansion.REFERENCE.matcher(text).replaceAll("");
            boolean secretName = SECRET_NAME.matcher(name).matches();
            boolean hidden = TOKEN_SHAPE.matcher(literal).find() || secretName && !SCHEME_ONLY.matcher(literal).matches();
            shown.put(name, hidden ? REDACTED : text);
        });
        return shown;
    }
}
