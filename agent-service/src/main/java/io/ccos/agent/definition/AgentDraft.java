package io.ccos.agent.definition;

import io.ccos.platform.naming.ResourceName;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of POST /api/v1/agents. */
public record AgentDraft(
        @NotNull @ResourceName String name,
        @NotBlank @Size(max = 1024) String description,
        @Size(max = 128) String model,
        @Size(max = 128) List<@NotBlank @Size(max = 256) String> tools,
        @NotBlank @Size(max = 65536) String prompt) {
}
