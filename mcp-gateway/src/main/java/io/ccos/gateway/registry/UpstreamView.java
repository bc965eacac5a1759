package io.ccos.gateway.registry;

import io.ccos.gateway.access.AccessRule;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A registration as the API shows it: a stdio server's argv with what looks like a credential redacted (ArgvRedaction). */
public record UpstreamView(UUID id, String tenant, String name, Transport transport, String url, List<String> command,
        List<AccessRule> access, String registeredBy, Instant registeredAt) {

    static UpstreamView of(UpstreamServer server) {
        return new UpstreamView(server.id, server.tenantId, server.name, server.transport, server.url,
                ArgvRedaction.redacted(server.command), AccessColumn.read(server.access).rules(), server.registeredBy, server.registeredAt);
    }
}
