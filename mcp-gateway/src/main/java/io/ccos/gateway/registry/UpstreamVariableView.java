package io.ccos.gateway.registry;

import java.time.Instant;

/** A variable as the API shows it: its name and who set it when, never its value. */
public record UpstreamVariableView(String name, String updatedBy, Instant updatedAt) {

    static UpstreamVariableView of(UpstreamVariable variable) {
        return new UpstreamVariableView(variable.name, variable.updatedBy, variable.updatedAt);
    }
}
