package io.orderfleet.runner;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import redis.embedded.RedisServer;

/**
 * Embedded PostgreSQL (one database and one role per service, each role able to connect only to its
 * own database) and embedded Redis, both persistent under the given directory.
 */
final class Infrastructure implements AutoCloseable {

    static final String[] SERVICES = {"users", "inventory", "orders"};

    private final EmbeddedPostgres postgres;
    private final RedisServer redis;
    final int postgresPort;
    final int redisPort;

    private Infrastructure(EmbeddedPostgres postgres, RedisServer redis, int postgresPort, int redisPort) {
        this.postgres = postgres;
        this.redis = redis;
        this.postgresPort = postgresPort;
        this.redisPort = redisPort;
    }

    static Infrastructure start(Path dataDir, int postgresPort, int redisPort, Secrets secrets)
            throws IOException, SQLException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setPort(postgresPort)
                .setServerConfig("max_connections", "200")
                // zonky defaults to fsync off; local data must survive a crash like a real database's
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (Connection admin = DriverManager.getConnection(jdbcUrl(postgresPort, "postgres"), "postgres", "postgres");
                Statement st = admin.createStatement()) {
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
        }
        Path redisDir = dataDir.resolve("redis");
        Files.createDirectories(redisDir);
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("dir " + redisDir.toAbsolutePath())
                .setting("appendonly yes")
                .setting("save 60 1")
                .build();
        redis.start();
        return new Infrastructure(postgres, redis, postgresPort, redisPort);
    }

    static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            redis.stop();
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not stop Redis cleanly: " + e);
        }
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not stop PostgreSQL cleanly: " + e);
        }
    }

    static void requireWorking(Connection c) throws SQLException {
        c.createStatement().execute("SELECT 1");
    }
}
