package io.orderfleet.inventory.bench;

import redis.embedded.RedisServer;
import io.orderfleet.common.test.FleetInfrastructure;
import io.orderfleet.common.test.TestJwks;
import io.orderfleet.common.test.TestTokens;
import io.orderfleet.inventory.InventoryApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reservations per second and latency of {@code POST /internal/v1/reservations} over real HTTP with
 * a service token, at 1, 8 and 32 closed-loop clients. Starts its own PostgreSQL with durable commits
 * (fsync and synchronous_commit on, unlike the test suite's), its own Redis and the service in this
 * JVM. Not a test: surefire does not pick it up by name. Run it with bench/inventory/run.sh.
 *
 * <p>System properties: {@code clients} (1,8,32), {@code seconds} per step (15), {@code warmup}
 * seconds (5), {@code skus} in the catalog (50), {@code lines} per reservation (3), {@code out} file.
 */
public final class ReservationBenchmark {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Step(int clients, long ok, long refused, long failed, double seconds, double p50, double p99, double max) {
        double perSecond() {
            return ok / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int[] clientSteps = Arrays.stream(System.getProperty("clients", "1,8,32").split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
        int seconds = Integer.getInteger("seconds", 15);
        int warmup = Integer.getInteger("warmup", 5);
        int skuCount = Integer.getInteger("skus", 50);
        int linesPerReservation = Integer.getInteger("lines", 3);
        Path out = Path.of(System.getProperty("out", "bench/results/inventory-reservations.md"));

        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100").start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE inventorydb");
        }
        int redisPort = FleetInfrastructure.freePort();
        RedisServer redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                .setting("save \"\"").setting("appendonly no").build();
        redis.start();
        ConfigurableApplicationContext app;
        try {
            // command-line arguments, because they outrank application.yml (builder properties do not)
            app = new SpringApplicationBuilder(InventoryApplication.class).run(
                    "--server.port=0",
                    "--spring.datasource.url=" + pg.getJdbcUrl("postgres", "inventorydb"),
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres",
                    "--spring.data.redis.host=127.0.0.1",
                    "--spring.data.redis.port=" + redisPort,
                    "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestJwks.get().uri(),
                    "--orderfleet.log-format=plain",
                    "--logging.level.root=WARN");
        } catch (RuntimeException e) {
            redis.stop();
            pg.close();
            throw e;
        }
        try {
            String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
            List<String> skus = createCatalog(base, skuCount);
            List<Step> steps = new ArrayList<>();
            for (int clients : clientSteps) {
                run(base, skus, clients, warmup, linesPerReservation);
                Step step = run(base, skus, clients, seconds, linesPerReservation);
                System.out.printf(Locale.ROOT, "clients=%d  %.0f reservations/s  p50=%.1f ms  p99=%.1f ms%n",
                        clients, step.perSecond(), step.p50(), step.p99());
                steps.add(step);
            }
            String report = report(steps, seconds, warmup, skuCount, linesPerReservation);
            System.out.println(report);
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report);
            System.out.println("written to " + out.toAbsolutePath());
        } finally {
            app.close();
            redis.stop();
            pg.close();
        }
        System.exit(0);
    }

    private static List<String> createCatalog(String base, int count) throws Exception {
        String admin = TestTokens.admin(1);
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String sku = "BENCH-" + run + "-" + i;
            var response = post(base + "/api/v1/inventory/items", admin, "{\"sku\":\"" + sku + "\",\"name\":\"Bench item "
                    + i + "\",\"priceCents\":" + (100 + i) + ",\"available\":1000000000}");
            if (response.statusCode() != 201) {
                throw new IllegalStateException("could not create " + sku + ": " + response.body());
            }
            skus.add(sku);
        }
        return skus;
    }

    private static Step run(String base, List<String> skus, int clients, int seconds, int lines) throws Exception {
        // a fresh token per step: service tokens live five minutes
        String token = TestTokens.service("orders-service", "inventory:reserve");
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<long[]> latencies = new ArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            threads.add(Thread.ofPlatform().name("bench-client-" + c).start(() -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                    String body = body(skus, lines);
                    long t0 = System.nanoTime();
                    try {
                        int status = post(base + "/internal/v1/reservations", token, body).statusCode();
                        statuses.merge(status, 1, Integer::sum);
                        if (status == 201 && n < mine.length - 1) {
                            mine[++n] = System.nanoTime() - t0;
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                mine[0] = n;
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a, 1, (int) a[0] + 1)).sorted().toArray();
        long ok = statuses.getOrDefault(201, 0);
        long refused = statuses.getOrDefault(409, 0);
        long other = statuses.entrySet().stream().filter(e -> e.getKey() != 201 && e.getKey() != 409)
                .mapToLong(Map.Entry::getValue).sum() + failed.get();
        return new Step(clients, ok, refused, other, elapsed, percentile(all, 0.50), percentile(all, 0.99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    }

    private static String body(List<String> skus, int lines) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> picked = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"orderId\":\"").append(UUID.randomUUID()).append("\",\"lines\":[");
        while (picked.size() < Math.min(lines, skus.size())) {
            String sku = skus.get(random.nextInt(skus.size()));
            if (!picked.contains(sku)) {
                body.append(picked.isEmpty() ? "" : ",").append("{\"sku\":\"").append(sku).append("\",\"qty\":")
                        .append(1 + random.nextInt(3)).append('}');
                picked.add(sku);
            }
        }
        return body.append("]}").toString();
    }

    private static HttpResponse<String> post(String url, String token, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String report(List<Step> steps, int seconds, int warmup, int skus, int lines) {
        StringBuilder md = new StringBuilder();
        md.append("# inventory-service: reservations benchmark\n\n");
        md.append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs, Java ").append(Runtime.version()).append(".\n\n");
        md.append("`POST /internal/v1/reservations` over real HTTP/1.1 with a service token (scope `inventory:reserve`), ")
                .append(lines).append(" lines per reservation (qty 1..3) over ").append(skus)
                .append(" SKUs, each reservation a new orderId; closed loop, ").append(seconds)
                .append(" s per step after ").append(warmup).append(" s warm-up. PostgreSQL 17 (embedded, fsync and ")
                .append("synchronous_commit on), Redis and the service on the same machine as the clients, which share ")
                .append("the JVM with the service. Latencies are of successful (201) reservations.\n\n");
        md.append("| clients | reservations/s | p50 ms | p99 ms | max ms | 201 | 409 | other |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Step s : steps) {
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %.1f | %.1f | %.1f | %d | %d | %d |%n", s.clients(),
                    s.perSecond(), s.p50(), s.p99(), s.max(), s.ok(), s.refused(), s.failed()));
        }
        md.append("\nCommand: `bench/inventory/run.sh` with the options of this run: `-Dclients=")
                .append(String.join(",", steps.stream().map(st -> Integer.toString(st.clients())).toList()))
                .append(" -Dseconds=").append(seconds).append(" -Dwarmup=").append(warmup).append(" -Dskus=").append(skus)
                .append(" -Dlines=").append(lines).append("`.\n");
        return md.toString();
    }
}
