package io.orderfleet.common.test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.embedded.RedisServer;

/**
 * Real PostgreSQL and Redis for integration tests, started once per JVM and shared by every Spring
 * context in it. Chosen in this order:
 * <ol>
 * <li>external servers when {@code ORDERFLEET_TEST_POSTGRES_URL} (a JDBC URL of a database the user may
 * create databases from) and {@code ORDERFLEET_TEST_REDIS_HOST}/{@code _PORT} are set;</li>
 * <li>Testcontainers (postgres:17-alpine, redis:7-alpine) when a Docker engine answers;</li>
 * <li>otherwise embedded servers: zonky's PostgreSQL 17 binaries and Redis 6.2 from Maven artifacts.</li>
 * </ol>
 * {@code ORDERFLEET_TEST_INFRA=embedded|docker|external} forces a choice.
 */
public final class FleetInfrastructure {

    public record Postgres(String host, int port, String username, String password) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    public record Redis(String host, int port) {
    }

    private static FleetInfrastructure instance;

    private final String mode;
    private final Postgres postgres;
    private final Redis redis;
    private final Set<String> databases = new HashSet<>();
    private RedisServer embeddedRedis;
    private EmbeddedPostgres embeddedPostgres;
    private java.nio.file.Path embeddedPostgresData;

    private FleetInfrastructure(String mode, Postgres postgres, Redis redis) {
        this.mode = mode;
        this.postgres = postgres;
        this.redis = redis;
    }

    public static synchronized FleetInfrastructure get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String mode() {
        return mode;
    }

    public Postgres postgres() {
        return postgres;
    }

    public Redis redis() {
        return redis;
    }

    /** Creates the database once (each service tests against its own), and returns its JDBC URL. */
    public synchronized String database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("bad database name " + name);
        }
        if (databases.add(name)) {
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), postgres.username(),
                    postgres.password())) {
                boolean exists;
                try (var st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    st.setString(1, name);
                    exists = st.executeQuery().next();
                }
                if (!exists) {
                    c.createStatement().execute("CREATE DATABASE " + name);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not create test database " + name, e);
            }
        }
        return postgres.jdbcUrl(name);
    }

    /** Stops the embedded Redis, e.g. to prove a fallback; {@link #startRedis()} brings it back on the same port. */
    public synchronized void stopRedis() {
        if (embeddedRedis == null) {
            throw new IllegalStateException("only the embedded Redis can be stopped by a test");
        }
        try {
            embeddedRedis.stop();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized void startRedis() {
        if (embeddedRedis == null) {
            throw new IllegalStateException("only the embedded Redis can be started by a test");
        }
        try {
            embeddedRedis.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FleetInfrastructure start() {
        String forced = System.getenv().getOrDefault("ORDERFLEET_TEST_INFRA", "");
        String externalPg = System.getenv("ORDERFLEET_TEST_POSTGRES_URL");
        if (forced.equals("external") || (forced.isEmpty() && externalPg != null)) {
            return external(externalPg);
        }
        if (forced.equals("docker") || (forced.isEmpty() && dockerAvailable())) {
            return containers();
        }
        return embedded();
    }

    private static boolean dockerAvailable() {
        boolean hinted = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!hinted) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static FleetInfrastructure external(String url) {
        var uri = java.net.URI.create(url.replaceFirst("^jdbc:", ""));
        var postgres = new Postgres(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                System.getenv().getOrDefault("ORDERFLEET_TEST_POSTGRES_USER", "postgres"),
                System.getenv().getOrDefault("ORDERFLEET_TEST_POSTGRES_PASSWORD", ""));
        var redis = new Redis(System.getenv().getOrDefault("ORDERFLEET_TEST_REDIS_HOST", "localhost"),
                Integer.parseInt(System.getenv().getOrDefault("ORDERFLEET_TEST_REDIS_PORT", "6379")));
        return new FleetInfrastructure("external", postgres, redis);
    }

    @SuppressWarnings("resource")
    private static FleetInfrastructure containers() {
        var pg = new PostgreSQLContainer("postgres:17-alpine").withDatabaseName("postgres");
        var redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
        pg.start();
        redis.start();
        return new FleetInfrastructure("docker",
                new Postgres(pg.getHost(), pg.getMappedPort(5432), pg.getUsername(), pg.getPassword()),
                new Redis(redis.getHost(), redis.getMappedPort(6379)));
    }

    private static FleetInfrastructure embedded() {
        try {
            // a data directory and port of our own, so a test can stop PostgreSQL and start it again on both
            java.nio.file.Path pgData = java.nio.file.Files.createTempDirectory("fleet-test-pg");
            EmbeddedPostgres pg = startEmbeddedPostgres(pgData, freePort());
            int redisPort = freePort();
            RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            FleetInfrastructure infra = new FleetInfrastructure("embedded",
                    new Postgres("localhost", pg.getPort(), "postgres", "postgres"), new Redis("127.0.0.1", redisPort));
            infra.embeddedRedis = redis;
            infra.embeddedPostgres = pg;
            infra.embeddedPostgresData = pgData;
            Runtime.getRuntime().addShutdownHook(new Thread(infra::stopEmbedded, "fleet-test-infra-stop"));
            return infra;
        } catch (IOException e) {
            throw new IllegalStateException("could not start embedded PostgreSQL/Redis", e);
        }
    }

    private static EmbeddedPostgres startEmbeddedPostgres(java.nio.file.Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .start();
    }

    /**
     * Stops the embedded PostgreSQL (every database of the JVM goes away at once), e.g. to prove what a
     * service answers while its database is down; {@link #startPostgres()} brings it back with the same
     * data on the same port.
     */
    public synchronized void stopPostgres() {
        if (embeddedPostgresData == null) {
            throw new IllegalStateException("only the embedded PostgreSQL can be stopped by a test");
        }
        try {
            if (embeddedPostgres != null) {
                embeddedPostgres.close();
                embeddedPostgres = null;
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized void startPostgres() {
        if (embeddedPostgresData == null) {
            throw new IllegalStateException("only the embedded PostgreSQL can be started by a test");
        }
        if (embeddedPostgres == null) {
            try {
                embeddedPostgres = startEmbeddedPostgres(embeddedPostgresData, postgres.port());
            } catch (IOException e) {
                throw new IllegalStateException("could not restart embedded PostgreSQL", e);
            }
        }
    }

    private synchronized void stopEmbedded() {
        try {
            embeddedRedis.stop();
        } catch (IOException | RuntimeException ignored) {
            // the JVM is going away anyway
        }
        try {
            if (embeddedPostgres != null) {
                embeddedPostgres.close();
            }
            try (var walk = java.nio.file.Files.walk(embeddedPostgresData)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | RuntimeException ignored) {
            // the JVM is going away anyway
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
