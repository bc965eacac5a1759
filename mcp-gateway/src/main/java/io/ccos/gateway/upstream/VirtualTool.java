package io.ccos.gateway.upstream;

import io.ccos.platform.naming.ResourceName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A tool of another server of the tenant that a virtual server offers.
 *
 * @param server the server's name
 * @param tool   the tool's name on that server
 */
public record VirtualTool(@NotNull @ResourceName String server, @NotNull @Size(min = 1, max = 128) String tool) {
}
