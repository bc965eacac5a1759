package io.ccos.gateway.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** ${NAME} expansion as Claude Code's .mcp.json has it, sealing of values, and what the API shows of env and headers. */
class VariablesTest {

    private static final Map<String, String> VARIABLES = Map.of("TOKEN", "t0k3n", "HOST", "mcp.example.com", "EMPTY", "");

    @Test
    void referencesExpandToTheTenantsValuesOrTheirDefaults() {
        Set<String> missing = new TreeSet<>();
        assertEquals("Bearer t0k3n", VariableExpansion.expand("Bearer ${TOKEN}", VARIABLES, missing));
        assertEquals("https://mcp.example.com/v1", VariableExpansion.expand("https://${HOST}/${VERSION:-v1}", VARIABLES, missing));
        assertEquals("", VariableExpansion.expand("${EMPTY:-fallback}", VARIABLES, missing), "a variable set to nothing is set");
        assertEquals("$TOKEN and ${not a reference}", VariableExpansion.expand("$TOKEN and ${not a reference}", VARIABLES, missing));
        assertEquals("a$\\b", VariableExpansion.expand("${ODD:-a$\\b}", VARIABLES, missing), "a default is taken literally");
        assertTrue(missing.isEmpty(), missing::toString);
        VariableExpansion.expand("${A}-${TOKEN}-${B}", VARIABLES, missing);
        assertEquals(Set.of("A", "B"), missing);
    }

    @Test
    void aSealedValueOpensOnlyWithItsKeyForItsRow() throws GeneralSecurityException {
        VariableSeal seal = seal("a-sealing-key-of-at-least-32-characters!");
        String sealed = seal.seal("acme", "TOKEN", "t0k3n");
        assertTrue(!sealed.contains("t0k3n"));
        assertNotEquals(sealed, seal.seal("acme", "TOKEN", "t0k3n"), "a fresh nonce each time");
        assertEquals("t0k3n", seal.open("acme", "TOKEN", sealed));
        assertThrows(GeneralSecurityException.class, () -> seal.open("globex", "TOKEN", sealed), "another tenant's row");
        assertThrows(GeneralSecurityException.class, () -> seal.open("acme", "OTHER", sealed), "another variable's row");
        assertThrows(GeneralSecurityException.class, () -> seal("another-sealing-key-of-32-characters-or-more").open("acme", "TOKEN", sealed));
        assertThrows(IllegalArgumentException.class, () -> seal("too short"));
    }

    @Test
    void envAndHeadersShowReferencesButNoLiteralCredentials() {
        Map<String, String> shown = CredentialRedaction.redactedValues(Map.of(
                "Authorization", "Bearer ${GITHUB_TOKEN}",
                "X-Api-Key", "abc123",
                "GITHUB_PERSONAL_ACCESS_TOKEN", "${GITHUB_TOKEN}",
                "LOG_LEVEL", "debug",
                "UPSTREAM", "ghp_abcdefghijklmnopqrstuvwxyz0123"));
        assertEquals(Map.of("Authorization", "Bearer ${GITHUB_TOKEN}", "X-Api-Key", "****", "GITHUB_PERSONAL_ACCESS_TOKEN", "${GITHUB_TOKEN}",
                "LOG_LEVEL", "debug", "UPSTREAM", "****"), shown);
    }

    private static VariableSeal seal(String key) {
        return new VariableSeal(new VariablesConfig() {
            @Override
            public String sealingKey() {
                return key;
            }

            @Override
            public int maxPerTenant() {
                return 500;
            }

            @Override
            public int maxValueLength() {
                return 8192;
            }
        });
    }
}
