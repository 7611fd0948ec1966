package io.orderfleet.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class PatientDataSourceTest {

    static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class}, (proxy, method, args) -> null);

    /** A pool that answers with the scripted outcomes, one per call. */
    static final class ScriptedPool implements DataSource {
        final Deque<Object> outcomes = new ArrayDeque<>();
        int calls;

        @Override
        public Connection getConnection() throws SQLException {
            calls++;
            Object next = outcomes.pop();
            if (next instanceof SQLException e) {
                throw e;
            }
            return (Connection) next;
        }

        @Override
        public Connection getConnection(String u, String p) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return null;
        }

        @Override
        public <T> T unwrap(Class<T> iface) {
            return null;
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    static SQLTransientConnectionException busy() {
        return new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 1000ms");
    }

    @Test
    void aBusyPoolIsAskedAgainUntilAConnectionIsFree() throws SQLException {
        var pool = new ScriptedPool();
        pool.outcomes.add(busy());
        pool.outcomes.add(busy());
        pool.outcomes.add(CONNECTION);
        assertThat(new PatientDataSource(pool, Duration.ofMinutes(1)).getConnection()).isSameAs(CONNECTION);
        assertThat(pool.calls).isEqualTo(3);
    }

    @Test
    void anUnreachableDatabaseFailsAtTheFirstTimeout() {
        var pool = new ScriptedPool();
        var down = new SQLTransientConnectionException("HikariPool-1 - Connection is not available", "08001",
                new SQLException("Connection refused", "08001", new ConnectException("Connection refused")));
        pool.outcomes.add(down);
        pool.outcomes.add(CONNECTION);
        assertThatThrownBy(() -> new PatientDataSource(pool, Duration.ofMinutes(1)).getConnection()).isSameAs(down);
        assertThat(pool.calls).isEqualTo(1);
    }

    @Test
    void aPoolBusyForLongerThanTheBusyWaitFails() {
        var pool = new ScriptedPool();
        pool.outcomes.add(busy());
        pool.outcomes.add(CONNECTION);
        assertThatThrownBy(() -> new PatientDataSource(pool, Duration.ZERO).getConnection())
                .isInstanceOf(SQLTransientConnectionException.class);
        assertThat(pool.calls).isEqualTo(1);
    }
}
