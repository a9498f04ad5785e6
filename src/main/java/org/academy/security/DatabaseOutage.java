package org.academy.security;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The database cannot be reached (restarting, network cut, pool waiting in vain): not a defect of
 * ours and nothing the person did, so they get one plain sentence and the log gets one line, not a
 * stack per click. The app needs no restart: the pool connects again once the database is back.
 * In security, not base: the login page needs it too, and base may use security but not the reverse.
 */
public final class DatabaseOutage {

    public static final String HEADING = "Briefly unavailable";
    public static final String MESSAGE = "The service is briefly unavailable. Please try again in a moment.";

    private DatabaseOutage() {
    }

    /** Whether anything in the cause chain says the database could not be reached. */
    public static boolean isCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (Throwable s : c.getSuppressed()) {
                if (isCause(s)) {
                    return true;
                }
            }
            if (c instanceof DataAccessResourceFailureException || c instanceof CannotCreateTransactionException
                    || c instanceof org.hibernate.exception.JDBCConnectionException
                    || c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                    || c instanceof SQLRecoverableException) {
                return true;
            }
            // PostgreSQL's driver: class 08 is "connection exception", 57P01-03 the server shutting down.
            if (c instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            // Hikari's answer on a connection it has already marked broken (the reset came mid-transaction
            // and Spring reports the failed rollback instead of the first error): no SQL state, only this.
            if (c instanceof SQLException && "Connection is closed".equals(c.getMessage())) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
