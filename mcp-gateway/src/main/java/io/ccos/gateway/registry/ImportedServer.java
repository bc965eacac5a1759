package io.ccos.gateway.registry;

import java.util.UUID;

/**
 * What became of one server of an imported .mcp.json.
 *
 * @param status the status registering it alone would have had: 201, or 400, 403, 409
 * @param id     the registration's id when it was registered
 * @param detail why it was not
 */
public record ImportedServer(String name, int status, UUID id, String detail) {
}
