package io.ccos.platform.problem;

import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import java.util.List;

/** Thrown by service code to answer with a problem of a given kind; the detail is shown to the caller. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.Violation> violations;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    private ProblemException(ProblemType type, String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.type = type;
        this.violations = violations;
    }

    /** A 400 validation problem about one field of the request. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, field + ": " + message, List.of(new Problem.Violation(field, message)));
    }

    /** A 400 validation problem listing several defects (each a field or JSON pointer with its message). */
    public static ProblemException invalid(List<Problem.Violation> violations) {
        String detail = violations.stream().map(v -> (v.field().isEmpty() ? "(document)" : v.field()) + ": " + v.message())
                .collect(java.util.stream.Collectors.joining("; "));
        return new ProblemException(ProblemType.VALIDATION, detail, List.copyOf(violations));
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }
}
