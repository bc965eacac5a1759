package io.ccos.policy.packs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ccos.policy.registry.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Ready-made sets of hooks a tenant switches on by name in its registry ({@code "packs": {"default": {}}}),
 * kept as registry documents under resources/io/ccos/policy/packs/. A pack's hooks come before the tenant's
 * own and their ids carry the pack's name ("default/deny-rm-root").
 *
 * <p>The default pack denies: {@code rm -r} of /, ~ or $HOME; reading or editing .env files (not
 * .env.example and the like), private keys, SSH, cloud and package-registry credentials; WebFetch of a
 * host outside {@code allowedDomains} (option; a name, or *.name for its subdomains).
 */
public final class PolicyPacks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DEFAULT_ALLOWED_DOMAINS = List.of("docs.claude.com", "code.claude.com", "docs.anthropic.com",
            "github.com", "raw.githubusercontent.com");
    private static final Pattern DOMAIN = Pattern.compile("(\\*\\.)?[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*");

    private PolicyPacks() {
    }

    /** The packs' hook events (registry "hooks" objects) by pack name, options applied. */
    public static Map<String, JsonNode> expand(JsonNode packs, List<RegistryException.Violation> violations) {
        Map<String, JsonNode> expanded = new LinkedHashMap<>();
        if (!packs.isObject()) {
            violations.add(new RegistryException.Violation("/packs", "an object of pack names to their options, e.g. {\"default\": {}}"));
            return expanded;
        }
        packs.fields().forEachRemaining(pack -> {
            String at = "/packs/" + pack.getKey();
            if (!pack.getValue().isObject()) {
                violations.add(new RegistryException.Violation(at, "the pack's options, an object ({} for none)"));
                return;
            }
            switch (pack.getKey()) {
                case "default" -> expanded.put(pack.getKey(), defaultPack(pack.getValue(), at, violations));
                default -> violations.add(new RegistryException.Violation(at, "no such pack (known: default)"));
            }
        });
        return expanded;
    }

    private static JsonNode defaultPack(JsonNode options, String at, List<RegistryException.Violation> violations) {
        List<String> domains = new ArrayList<>();
        JsonNode allowed = options.path("allowedDomains");
        options.fieldNames().forEachRemaining(name -> {
            if (!name.equals("allowedDomains")) {
                violations.add(new RegistryException.Violation(at + "/" + name, "unknown option (allowed: allowedDomains)"));
            }
        });
        if (allowed.isMissingNode()) {
            domains.addAll(DEFAULT_ALLOWED_DOMAINS);
        } else if (!allowed.isArray()) {
            violations.add(new RegistryException.Violation(at + "/allowedDomains", "a list of domain names"));
        } else {
            for (int i = 0; i < allowed.size(); i++) {
                String domain = allowed.get(i).asText("").toLowerCase(java.util.Locale.ROOT);
                if (!DOMAIN.matcher(domain).matches()) {
                    violations.add(new RegistryException.Violation(at + "/allowedDomains/" + i, "a domain name, or *.name for its subdomains"));
                } else {
                    domains.add(domain);
                }
            }
        }
        return read("default.json", Map.of("ALLOWED_HOSTS", hostsPattern(domains)));
    }

    /** An RE2 alternation of the allowed hosts, escaped for a CEL raw string inside a JSON string. */
    private static String hostsPattern(List<String> domains) {
        if (domains.isEmpty()) {
            return "$^"; // matches no host: every WebFetch is denied
        }
        return domains.stream()
                .map(d -> d.startsWith("*.") ? "([a-z0-9-]+\\\\.)+" + d.substring(2).replace(".", "\\\\.") : d.replace(".", "\\\\."))
                .collect(Collectors.joining("|"));
    }

    private static JsonNode read(String name, Map<String, String> values) {
        try (InputStream in = PolicyPacks.class.getResourceAsStream(name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> value : values.entrySet()) {
                text = text.replace("{{" + value.getKey() + "}}", value.getValue());
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("policy pack " + name + " is missing from the classpath", e);
        }
    }
}
