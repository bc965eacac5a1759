package io.ccos.platform.persistence;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeoutException;

/**
 * What kind of database failure an exception is, read anywhere in its causes: the one classification
 * behind HTTP answers (409, 503) and behind consumer retries. It knows both clients of the stack: the
 * reactive PostgreSQL client (every request) and JDBC (Flyway at start-up).
 */
public final class DatabaseFailure {

    /** SQL states that mean "the server is going away or not there yet" (class 08, and 57P01-57P03). */
    private static final String CONNECTION_CLASS = "08";
    private static final String ADMIN_SHUTDOWN = "57P01";
    private static final String CRASH_SHUTDOWN = "57P02";
    private static final String CANNOT_CONNECT_NOW = "57P03";
    private static final String UNIQUE_VIOLATION = "23505";
    /** The message the Vert.x pool fails with when no connection frees up in time. */
    private static final String POOL_TIMEOUT = "Timeout";

    private DatabaseFailure() {
    }

    /** The database is unreachable, restarting, or out of connections: worth retrying later. */
    public static boolean isUnavailable(Throwable failure) {
        String state = sqlState(failure);
        if (state != null) {
            return state.startsWith(CONNECTION_CLASS) || state.equals(ADMIN_SHUTDOWN) || state.equals(CRASH_SHUTDOWN)
                    || state.equals(CANNOT_CONNECT_NOW);
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ClosedConnectionException
                    || cause instanceof SQLTransientConnectionException || cause instanceof TimeoutException
                    || isPoolTimeout(cause)) {
                return true;
            }
        }
        return false;
    }

    /** A unique key is already taken. */
    public static boolean isUniqueViolation(Throwable failure) {
        return UNIQUE_VIOLATION.equals(sqlState(failure));
    }

    /**
     * The failure as it may be logged at ERROR: its causes' kinds, with SQL states ("CompletionException <-
     * PgException[22P05]"). A database error's message and context quote the statement's data (a whole
     * document, say), so they stay out of logs at INFO and above.
     */
    public static String kinds(Throwable failure) {
        StringBuilder kinds = new StringBuilder();
        for (Throwable cause = failure; cause != null && kinds.length() < 500; cause = cause.getCause()) {
            if (!kinds.isEmpty()) {
                kinds.append(" <- ");
            }
            kinds.append(cause.getClass().getSimpleName());
            String state = cause instanceof PgException pg ? pg.getSqlState() : cause instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                kinds.append('[').append(state).append(']');
            }
        }
        return kinds.toString();
    }

    /** The SQL state of the first cause that has one, from either client. */
    public static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && pg.getSqlState() != null) {
                return pg.getSqlState();
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    // Vert.x 4 signals an exhausted pool with a stack-less VertxException("Timeout"), no type of its own.
    private static boolean isPoolTimeout(Throwable cause) {
        return cause instanceof io.vertx.core.VertxException && POOL_TIMEOUT.equals(cause.getMessage());
    }
}
