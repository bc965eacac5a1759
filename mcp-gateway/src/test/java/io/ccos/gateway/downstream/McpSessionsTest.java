package io.ccos.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpSessionsTest {

    private static final String KEY = "a-signing-key-of-more-than-32-characters";

    @Test
    void aSessionIdSaysWhoOpenedItWhereAndAtWhichVersion() {
        McpSessions sessions = new McpSessions(config(KEY, Duration.ofHours(1)));
        String id = sessions.open("acme", "acme-developer", "github", "2025-06-18");
        McpSessions.Session session = sessions.read(id).orElseThrow();
        assertEquals(List.of("acme", "acme-developer", "github", "2025-06-18"),
                List.of(session.tenant(), session.user(), session.endpoint(), session.protocolVersion()));
        assertTrue(id.chars().allMatch(c -> c >= 0x21 && c <= 0x7E), "visible ASCII, as the transport asks");
    }

    @Test
    void anotherReplicaWithTheSameKeyReadsIt() {
        String id = new McpSessions(config(KEY, Duration.ofHours(1))).open("acme", "u", "*", "2025-11-25");
        assertTrue(new McpSessions(config(KEY, Duration.ofHours(1))).read(id).isPresent());
        assertEquals(Optional.empty(), new McpSessions(config(KEY + "-other", Duration.ofHours(1))).read(id));
    }

    @Test
    void forgedTamperedExpiredAndGarbageIdsAreNoSessions() {
        McpSessions sessions = new McpSessions(config(KEY, Duration.ofHours(1)));
        String id = sessions.open("acme", "u", "*", "2025-11-25");
        String payload = id.substring(0, id.indexOf('.'));
        String otherTenant = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(payload)).replace("acme", "evil").getBytes());
        for (String bad : List.of(otherTenant + id.substring(id.indexOf('.')), id + "x", "x.y", ".", "", "no-dot", "%%%.%%%")) {
            assertEquals(Optional.empty(), sessions.read(bad), bad);
        }
        McpSessions shortLived = new McpSessions(config(KEY, Duration.ZERO));
        String expiring = shortLived.open("acme", "u", "*", "2025-11-25");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> shortLived.read(expiring).isEmpty());
    }

    @Test
    void aShortKeyIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new McpSessions(config("short", Duration.ofHours(1))));
    }

    private static McpConfig config(String key, Duration maxAge) {
        return new McpConfig() {
            @Override
            public Sessions sessions() {
                return new Sessions() {
                    @Override
                    public String signingKey() {
                        return key;
                    }

                    @Override
                    public Duration maxAge() {
                        return maxAge;
                    }
                };
            }

            @Override
            public Optional<List<String>> allowedOrigins() {
                return Optional.empty();
            }

            @Override
            public Optional<String> publicUrl() {
                return Optional.empty();
            }

            @Override
            public Streams streams() {
                throw new UnsupportedOperationException("sessions need no streams");
            }

            @Override
            public Duration clientRequestTimeout() {
                return Duration.ofMinutes(1);
            }

            @Override
            public String separator() {
                return "__";
            }
        };
    }
}
