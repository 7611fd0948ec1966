package io.orderfleet.runner;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.embedded.RedisServer;

/**
 * Embedded PostgreSQL (one database and one role per service, each role able to connect only to its
 * own database, every connection by password) and embedded Redis, both persistent under the given
 * directory. Either one is started again on the same data and port when its process dies.
 */
final class Infrastructure implements AutoCloseable {

    static final String[] SERVICES = {"users", "inventory", "orders"};

    /** Replaces initdb's "trust": without it a role's password would never be asked for. */
    private static final String PG_HBA = """
            # Written by the local runner (deploy/local-runner): every connection needs its role's password.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    private final Path pgData;
    private final String superuserPassword;
    private final RedisServer redis;
    private EmbeddedPostgres postgres;
    final int postgresPort;
    final int redisPort;

    private Infrastructure(Path pgData, String superuserPassword, EmbeddedPostgres postgres, RedisServer redis,
            int postgresPort, int redisPort) {
        this.pgData = pgData;
        this.superuserPassword = superuserPassword;
        this.postgres = postgres;
        this.redis = redis;
        this.postgresPort = postgresPort;
        this.redisPort = redisPort;
    }

    static Infrastructure start(Path dataDir, int postgresPort, int redisPort, Secrets secrets)
            throws IOException, SQLException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        // generated like every other local secret; a data directory of an older run (initdb's "trust")
        // still lets the superuser in once, to take the password
        String superuserPassword = secrets.get("postgres.superuser.password");
        EmbeddedPostgres postgres = startPostgres(pgData, postgresPort, superuserPassword);
        try (Connection admin = DriverManager.getConnection(jdbcUrl(postgresPort, "postgres"), "postgres", superuserPassword);
                Statement st = admin.createStatement()) {
            st.execute("ALTER ROLE postgres PASSWORD '" + superuserPassword + "'");
            for (String service : SERVICES) {
                String password = secrets.get(service + ".db.password");
                String role = service;
                String db = service + "db";
                boolean roleExists = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'").next();
                st.execute((roleExists ? "ALTER" : "CREATE") + " ROLE " + role + " LOGIN PASSWORD '" + password + "'");
                if (!st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'").next()) {
                    st.execute("CREATE DATABASE " + db + " OWNER " + role);
                }
                st.execute("REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC");
                st.execute("GRANT CONNECT ON DATABASE " + db + " TO " + role);
            }
            Files.writeString(pgData.resolve("pg_hba.conf"), PG_HBA);
            st.execute("SELECT pg_reload_conf()");
        }
        Path redisDir = dataDir.resolve("redis");
        Files.createDirectories(redisDir);
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("dir " + redisDir.toAbsolutePath())
                .setting("appendonly yes")
                .setting("save 60 1")
                .build();
        redis.start();
        return new Infrastructure(pgData, superuserPassword, postgres, redis, postgresPort, redisPort);
    }

    private static EmbeddedPostgres startPostgres(Path pgData, int port, String superuserPassword) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(port)
                // zonky checks readiness by connecting as the superuser: with the password, as everybody
                .setConnectConfig("password", superuserPassword)
                // crash recovery after a kill may take longer than zonky's default 10 s on a busy machine
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                // zonky defaults to fsync off; local data must survive a crash like a real database's
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /**
     * Starts PostgreSQL or Redis again when its process has died (a crash, an OOM kill, a kill -9), on
     * the same data directory and port, as an orchestrator restarts a container. Returns what it restarted;
     * a restart that fails is tried again on the next call.
     */
    synchronized List<String> restartWhatDied() {
        List<String> restarted = new ArrayList<>();
        if (postgres == null || !postmasterAlive()) {
            try {
                if (postgres != null) {
                    postgres.close(); // releases zonky's lock on the data directory; the server is already gone
                    postgres = null;
                }
                postgres = startPostgres(pgData, postgresPort, superuserPassword);
                restarted.add("PostgreSQL");
            } catch (IOException | RuntimeException e) {
                System.err.println("PostgreSQL is down and did not start again yet (" + e.getMessage() + "); retrying");
            }
        }
        if (redisRefusesConnections()) {
            try {
                redis.stop();
                redis.start();
                restarted.add("Redis");
            } catch (IOException | RuntimeException e) {
                System.err.println("Redis is down and did not start again yet (" + e.getMessage() + "); retrying");
            }
        }
        return restarted;
    }

    /** zonky starts the server through pg_ctl, which exits: the server's own PID is in postmaster.pid. */
    private boolean postmasterAlive() {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"));
            return !lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.getFirst().trim()))
                    .map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Only a refused connection counts as dead: a slow or stopped Redis is not restarted. */
    private boolean redisRefusesConnections() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", redisPort), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        try {
            redis.stop();
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not stop Redis cleanly: " + e);
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not stop PostgreSQL cleanly: " + e);
        }
    }

    static void requireWorking(Connection c) throws SQLException {
        c.createStatement().execute("SELECT 1");
    }
}
