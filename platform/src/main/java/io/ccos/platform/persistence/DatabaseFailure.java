package io.ccos.platform.persistence;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * What kind of database failure an exception is, read from the SQL state anywhere in its causes: the one
 * classification behind HTTP answers (409, 503) and behind consumer retries.
 */
public final class DatabaseFailure {

    private DatabaseFailure() {
    }

    /** The database is unreachable or out of connections: worth retrying later (SQL state class 08). */
    public static boolean isUnavailable(Throwable failure) {
        String state = sqlState(failure);
        return state != null && state.startsWith("08") || hasCause(failure, SQLTransientConnectionException.class);
    }

    /** A unique key is already taken (SQL state 23505). */
    public static boolean isUniqueViolation(Throwable failure) {
        return "23505".equals(sqlState(failure));
    }

    private static String sqlState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
