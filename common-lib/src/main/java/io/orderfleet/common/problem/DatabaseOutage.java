package io.orderfleet.common.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises "the database cannot be reached" in whatever wrapper it arrives: JDBC
 * ({@code CannotGetJdbcConnectionException}), a transaction that cannot begin
 * ({@code CannotCreateTransactionException}), JPA/Hibernate ({@code JDBCConnectionException} inside a
 * {@code PersistenceException} or {@code JpaSystemException}), a commit on a dead connection
 * ({@code TransactionSystemException}), or the pool's own timeout. Such a failure is the server's
 * temporary state, not the client's fault: it becomes a 503 with Retry-After, never a 500.
 */
final class DatabaseOutage {

    /** SQLSTATE classes of a lost or refused connection: 08 (connection exception), 57P01-03 (shutdown, crash, starting). */
    private static final String[] CONNECTION_STATES = {"08", "57P01", "57P02", "57P03"};

    private static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseOutage() {
    }

    static boolean causedBy(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            // a rollback on a connection that just died hides what failed first: look at that too
            if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null
                    && causedBy(tse.getApplicationException())) {
                return true;
            }
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            // what the pool's proxy answers once it has evicted a connection that broke under a transaction
            // (e.g. Hibernate's "Unable to rollback against JDBC Connection", which hides the first failure)
            if (t instanceof SQLException && HIKARI_CLOSED.equals(t.getMessage())) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                for (String state : CONNECTION_STATES) {
                    if (sql.getSQLState().startsWith(state)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
