package io.orderfleet.common.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Tells "the pool is busy" from "the database is gone". The pool's own wait for a connection is short
 * (Hikari {@code connection-timeout: 1000}), so that while the database is down a request fails within
 * about a second and gets a 503 with Retry-After. When the wait ran out only because every connection
 * was in use (the pool's timeout carries no connection failure as its cause), this asks again, up to
 * {@code busyWait} in all: contention on hot rows queues as before instead of shedding requests.
 */
final class PatientDataSource implements DataSource {

    private final DataSource pool;
    private final long busyWaitNanos;

    PatientDataSource(DataSource pool, Duration busyWait) {
        this.pool = pool;
        this.busyWaitNanos = busyWait.toNanos();
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + busyWaitNanos;
        while (true) {
            try {
                return pool.getConnection();
            } catch (SQLTransientConnectionException e) {
                if (e.getCause() != null || System.nanoTime() - deadline > 0) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return pool.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(pool) ? iface.cast(pool) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(pool) || pool.isWrapperFor(iface);
    }

    @Override
    public String toString() {
        return "PatientDataSource[" + pool + "]";
    }
}
