package io.ccos.gateway.registry;

import java.util.Set;

/**
 * A CDI event of this replica's {@link UpstreamDirectory}: servers of a tenant were registered, changed (their
 * access rules among it) or removed. Every replica sees every change at its own refresh, so each fires it
 * for its own clients.
 *
 * @param tenant  the tenant
 * @param servers the names of the servers that changed
 */
public record ServersChanged(String tenant, Set<String> servers) {
}
