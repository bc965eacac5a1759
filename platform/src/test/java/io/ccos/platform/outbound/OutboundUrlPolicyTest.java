package io.ccos.platform.outbound;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which URLs a tenant may point a ccos service at. */
class OutboundUrlPolicyTest {

    private static OutboundUrlPolicy policy(String... open) {
        return new OutboundUrlPolicy(new OutboundConfig() {
            @Override
            public List<String> allowedSchemes() {
                return List.of("https", "http");
            }

            @Override
            public Optional<List<String>> allowedPrivateTargets() {
                return open.length == 0 ? Optional.empty() : Optional.of(List.of(open));
            }
        });
    }

    @Test
    void publicHttpsAndHttpServersAreFine() {
        assertNull(policy().refusal("https://mcp.example.com/mcp"));
        assertNull(policy().refusal("http://93.184.216.34:8080/sse"));
        assertNull(policy().refusal("https://[2606:2800:220:1:248:1893:25c8:1946]/mcp"));
    }

    @Test
    void otherSchemesAndCredentialsAreRefused() {
        assertNotNull(policy().refusal("file:///etc/passwd"));
        assertNotNull(policy().refusal("gopher://example.com/"));
        assertNotNull(policy().refusal("https://user:secret@mcp.example.com/mcp"));
        assertNotNull(policy().refusal("https://token@mcp.example.com/mcp"));
        assertNotNull(policy().refusal("not a url"));
        assertNotNull(policy().refusal("https:///no-host"));
    }

    @Test
    void theHostsAroundTheServiceAreRefused() {
        for (String url : List.of("http://127.0.0.1:3001/mcp", "http://127.1.2.3/", "http://[::1]/", "http://0.0.0.0/",
                "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://10.0.0.5/", "http://172.16.3.4/",
                "http://192.168.1.1/", "http://100.64.0.1/", "http://[fe80::1]/", "http://localhost:8080/", "http://api.localhost/",
                "http://metadata.google.internal/", "http://printer.local/")) {
            assertNotNull(policy().refusal(url), url);
        }
    }

    @Test
    void aPlatformOperatorCanOpenANetworkOrAName() {
        OutboundUrlPolicy cluster = policy("10.20.0.0/16", "mcp.svc.internal", "*.svc.cluster.local");
        assertNull(cluster.refusal("http://github-mcp.tools.svc.cluster.local:8080/mcp"));
        assertNotNull(cluster.refusal("http://evilsvc.cluster.local/"), "a suffix of whole labels");
        assertNull(cluster.refusal("http://10.20.3.4:8080/mcp"));
        assertNotNull(cluster.refusal("http://10.21.3.4:8080/mcp"), "only the opened network");
        assertNull(cluster.refusal("http://mcp.svc.internal/mcp"));
        assertNotNull(cluster.refusal("http://other.svc.internal/mcp"));
        assertNotNull(cluster.refusal("http://169.254.169.254/"), "metadata stays closed");
    }
}
