package io.ccos.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.junit.jupiter.api.Test;

class DatabaseFailureTest {

    private static PgException pg(String sqlState) {
        return new PgException("failed", "ERROR", sqlState, null);
    }

    @Test
    void aTakenUniqueKeyIsAConflictWhereverItIsWrapped() {
        assertTrue(DatabaseFailure.isUniqueViolation(new CompletionException(new HibernateException("insert", pg("23505")))));
        assertTrue(DatabaseFailure.isUniqueViolation(new SQLException("dup", "23505")));
        assertFalse(DatabaseFailure.isUniqueViolation(pg("23503")), "a foreign key violation is another matter");
        assertFalse(DatabaseFailure.isUnavailable(pg("23505")));
    }

    @Test
    void aLostOrRefusedOrExhaustedConnectionMeansUnavailable() {
        assertTrue(DatabaseFailure.isUnavailable(pg("08006")), "connection failure");
        assertTrue(DatabaseFailure.isUnavailable(pg("57P01")), "administrator shutdown (a restart)");
        assertTrue(DatabaseFailure.isUnavailable(pg("57P03")), "the server is starting up");
        assertTrue(DatabaseFailure.isUnavailable(new SQLException("gone", "08001")));
        assertTrue(DatabaseFailure.isUnavailable(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseFailure.isUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseFailure.isUnavailable(new VertxException("Timeout", true)), "no pooled connection in time");
    }

    @Test
    void otherFailuresAreNeither() {
        assertFalse(DatabaseFailure.isUnavailable(pg("42P01")), "a missing table is a bug, not an outage");
        assertFalse(DatabaseFailure.isUnavailable(new IllegalStateException("Timeout")));
        assertFalse(DatabaseFailure.isUnavailable(new VertxException("Connection reset by peer... not quite", true)));
        assertFalse(DatabaseFailure.isUniqueViolation(new RuntimeException("23505")));
    }

    @Test
    void whatMayBeLoggedNamesKindsAndStatesButNoneOfTheData() {
        Exception failure = new java.util.concurrent.CompletionException(new PgException(
                "unsupported Unicode escape sequence", "ERROR", "22P05", "JSON data, line 1: {\"secret\":\"hunter2..."));
        String kinds = DatabaseFailure.kinds(failure);
        org.junit.jupiter.api.Assertions.assertEquals("CompletionException <- PgException[22P05]", kinds);
    }
}
