package io.ccos.platform.versioning;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ccos.contracts.problem.ProblemType;
import io.ccos.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

/** RFC 9110 preconditions on a resource whose entity tag is its version. */
class WritePreconditionTest {

    @Test
    void ifMatchHoldsOnlyForTheCurrentVersion() {
        assertDoesNotThrow(() -> new WritePrecondition("\"3\"", null).check(3L, true));
        assertDoesNotThrow(() -> new WritePrecondition("\"2\", \"3\"", null).check(3L, true));
        assertDoesNotThrow(() -> new WritePrecondition("*", null).check(3L, true));
        assertEquals(ProblemType.PRECONDITION_FAILED, refused(new WritePrecondition("\"2\"", null), 3L, false));
        assertEquals(ProblemType.PRECONDITION_FAILED, refused(new WritePrecondition("W/\"3\"", null), 3L, false), "weak tags never match");
        assertEquals(ProblemType.PRECONDITION_FAILED, refused(new WritePrecondition("*", null), null, false));
    }

    @Test
    void ifNoneMatchStarCreatesOnly() {
        assertDoesNotThrow(() -> new WritePrecondition(null, "*").check(null, true));
        assertEquals(ProblemType.PRECONDITION_FAILED, refused(new WritePrecondition(null, "*"), 1L, false));
    }

    @Test
    void anUpdateWithoutPreconditionIsRefusedOnlyWhereOneIsRequired() {
        assertDoesNotThrow(() -> new WritePrecondition(null, null).check(3L, false));
        assertDoesNotThrow(() -> new WritePrecondition(null, null).check(null, true), "a first write needs no precondition");
        assertEquals(ProblemType.PRECONDITION_REQUIRED, refused(new WritePrecondition(null, null), 3L, true));
    }

    private static ProblemType refused(WritePrecondition precondition, Long current, boolean required) {
        return assertThrows(ProblemException.class, () -> precondition.check(current, required)).type();
    }
}
