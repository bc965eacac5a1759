package io.ccos.gateway.registry;

import jakarta.validation.constraints.NotNull;

/** Body of PUT /api/v1/upstream-variables/{name}. */
public record UpstreamVariableValue(@NotNull String value) {
}
