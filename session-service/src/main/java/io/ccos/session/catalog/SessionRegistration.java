package io.ccos.session.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of POST /api/v1/sessions. */
public record SessionRegistration(
        @NotBlank @Size(max = 128) String claudeSessionId,
        @NotBlank @Size(max = 4096) String project) {
}
