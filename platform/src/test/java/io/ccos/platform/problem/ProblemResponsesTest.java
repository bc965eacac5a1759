package io.ccos.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ccos.contracts.problem.Problem;
import io.ccos.contracts.problem.ProblemType;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

/** Failures become problem details of the right kind, and nothing internal reaches the caller. */
class ProblemResponsesTest {

    private final ProblemResponses responses = new ProblemResponses();

    private static Problem problem(Response response, ProblemType expected) {
        assertEquals(expected.status(), response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        Problem problem = (Problem) response.getEntity();
        assertEquals(expected.uri(), problem.type());
        return problem;
    }

    @Test
    void aUniqueKeyClashFromTheReactiveClientIsAConflict() {
        problem(responses.unexpected(new HibernateException("insert", new PgException("duplicate key", "ERROR", "23505", "Key (name)")), null),
                ProblemType.CONFLICT);
    }

    @Test
    void anUnreachableDatabaseIsUnavailable() {
        Problem problem = problem(responses.unexpected(new CompletionException(new ConnectException("Connection refused: /127.0.0.1:5432")), null),
                ProblemType.UNAVAILABLE);
        assertEquals("The database is unavailable; retry later", problem.detail());
    }

    @Test
    void aLostOptimisticRaceIsAConflict() {
        problem(responses.persistence(new OptimisticLockException("stale"), null), ProblemType.CONFLICT);
    }

    @Test
    void aBugIsAnInternalErrorThatRevealsNothing() {
        Problem problem = problem(responses.unexpected(new IllegalStateException("select * from secret_table"), null), ProblemType.INTERNAL);
        assertEquals(false, problem.detail().contains("secret_table"), problem.detail());
    }

    @Test
    void aProblemExceptionKeepsItsKindAndDetail() {
        Problem problem = problem(responses.problem(ProblemException.notFound("Agent", "a1"), null), ProblemType.NOT_FOUND);
        assertEquals("Agent a1 does not exist", problem.detail());
    }
}
