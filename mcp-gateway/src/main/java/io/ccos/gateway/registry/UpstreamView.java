package io.ccos.gateway.registry;

import io.ccos.gateway.access.AccessRule;
import io.ccos.gateway.upstream.VirtualTool;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A registration as the API shows it: what looks like a credential in its argv, env or headers redacted (CredentialRedaction). */
public record UpstreamView(UUID id, String tenant, String name, Transport transport, String url, List<String> command,
        Map<String, String> env, Map<String, String> headers, List<AccessRule> access, List<VirtualTool> tools, String registeredBy,
        Instant registeredAt) {

    static UpstreamView of(UpstreamServer server) {
        return new UpstreamView(server.id, server.tenantId, server.name, server.transport, server.url,
                CredentialRedaction.redacted(server.command), CredentialRedaction.redactedValues(server.env),
                CredentialRedaction.redactedValues(server.headers), AccessColumn.read(server.access).rules(), AccessColumn.readTools(server.tools),
                server.registeredBy, server.registeredAt);
    }
}
