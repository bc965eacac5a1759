package io.ccos.policy.registry;

import java.util.List;
import java.util.stream.Collectors;

/** A hook registry document that cannot be compiled, with every defect found, each at its JSON pointer. */
public final class RegistryException extends RuntimeException {

    public record Violation(String pointer, String message) {
    }

    private final List<Violation> violations;

    public RegistryException(List<Violation> violations) {
        super(violations.stream().map(v -> v.pointer() + ": " + v.message()).collect(Collectors.joining("; ")), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
