package io.ccos.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OriginCheckTest {

    private final OriginCheck check = new OriginCheck(List.of("https://console.example.com"), Optional.of("https://mcp.example.com"));

    @Test
    void clientsThatAreNotBrowsersPass() {
        assertTrue(check.allows(null, "anything.example.org"));
    }

    @Test
    void aPageOfTheGatewaysOwnOriginUnderANameItAnswersToPasses() {
        assertTrue(check.allows("http://localhost:8084", "localhost:8084"));
        assertTrue(check.allows("http://127.0.0.1:8084", "127.0.0.1:8084"));
        assertTrue(check.allows("http://[::1]:8084", "[::1]:8084"));
        assertTrue(check.allows("https://mcp.example.com", "MCP.example.com"));
    }

    @Test
    void aRebindingPageIsRefused() {
        assertFalse(check.allows("http://evil.example.com", "evil.example.com"), "the attacker's name, as both headers say");
        assertFalse(check.allows("http://evil.example.com:8084", "evil.example.com:8084"));
    }

    @Test
    void anotherOriginIsRefusedUnlessAllowed() {
        assertFalse(check.allows("http://localhost:3000", "localhost:8084"), "another local page");
        assertTrue(check.allows("https://console.example.com", "mcp.example.com"));
        assertFalse(check.allows("null", "localhost:8084"));
        assertFalse(check.allows("http://localhost:8084", null));
    }
}
