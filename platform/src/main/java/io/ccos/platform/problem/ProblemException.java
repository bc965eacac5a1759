package io.ccos.platform.problem;

import io.ccos.contracts.problem.ProblemType;

/** Thrown by service code to answer with a problem of a given kind; the detail is shown to the caller. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " " + id + " does not exist");
    }
}
