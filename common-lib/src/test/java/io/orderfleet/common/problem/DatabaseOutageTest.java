package io.orderfleet.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseOutageTest {

    @Test
    void everyWrapperOfAnUnreachableDatabaseIsRecognised() {
        var poolTimeout = new SQLTransientConnectionException("HikariPool-1 - Connection is not available",
                new SQLException("Connection refused", "08001", new ConnectException("Connection refused")));
        assertThat(DatabaseOutage.causedBy(new DataAccessResourceFailureException("Failed to obtain JDBC Connection", poolTimeout))).isTrue();
        assertThat(DatabaseOutage.causedBy(new CannotCreateTransactionException("Could not open JPA EntityManager", poolTimeout))).isTrue();
        // what JPA/Hibernate wraps when no Spring translation applies: PersistenceException > JDBCConnectionException > SQLException
        assertThat(DatabaseOutage.causedBy(new RuntimeException("persistence",
                new RuntimeException("could not prepare statement", new SQLException("I/O error", "08006"))))).isTrue();
        assertThat(DatabaseOutage.causedBy(new TransactionSystemException("Could not commit",
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
    }

    @Test
    void aRollbackThatFailsOnTheDeadConnectionIsAnOutageWhenWhatFailedFirstWasTheConnection() {
        var rollbackFailed = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new RuntimeException(new SQLException("An I/O error occurred", "08006")));
        assertThat(DatabaseOutage.causedBy(rollbackFailed)).isTrue();

        var rollbackAfterABug = new TransactionSystemException("JDBC rollback failed", new SQLException("internal error", "XX000"));
        rollbackAfterABug.initApplicationException(new IllegalStateException("a bug"));
        assertThat(DatabaseOutage.causedBy(rollbackAfterABug)).isFalse();
    }

    @Test
    void aJpaRollbackOnAConnectionThePoolAlreadyClosedIsAnOutage() {
        // JpaSystemException("Unable to rollback against JDBC Connection") > TransactionException > Hikari's closed proxy
        assertThat(DatabaseOutage.causedBy(new RuntimeException("Unable to rollback against JDBC Connection",
                new RuntimeException("Unable to rollback against JDBC Connection", new SQLException("Connection is closed"))))).isTrue();
    }

    @Test
    void aClientsConflictOrABugIsNotAnOutage() {
        assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("duplicate",
                new SQLException("duplicate key value", "23505")))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new RuntimeException(new SQLException("syntax error", "42601")))).isFalse();
    }
}
