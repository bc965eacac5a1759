package io.ccos.platform.naming;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one rule for names a tenant gives its resources (settings documents, upstream servers, agents): 1 to
 * 64 of a-z, 0-9, '_' and '-', starting with a letter or digit. Safe in a path segment, a log line, a
 * Kafka key and an MCP tool prefix ({@code server__tool}) alike. Ids are UUIDs, checked by their type.
 */
@Pattern(regexp = ResourceName.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
public @interface ResourceName {

    String PATTERN = "[a-z0-9][a-z0-9_-]{0,63}";

    String message() default "must be 1 to 64 of a-z, 0-9, '_' and '-', starting with a letter or digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
