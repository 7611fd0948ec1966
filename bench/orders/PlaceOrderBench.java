import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Place-order benchmark through the gateway of a running local fleet (bench/orders/run.sh starts one).
 * 1. the PostgreSQL commit ceiling of this machine: single-row INSERT+COMMIT loops on the fleet's own
 *    embedded PostgreSQL (fsync on), same concurrency as the order run;
 * 2. closed-loop place-order throughput (C clients, D seconds, each order = 2 lines);
 * 3. open-loop latency at a fixed moderate rate.
 * Prints a table and writes it to bench/results/orders-place.md. Usage:
 *   java PlaceOrderBench.java <gatewayUrl> <adminEmail> <adminPassword> <pgPort> <pgPassword-of-orders-role>
 */
public class PlaceOrderBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int CLIENTS = Integer.getInteger("clients", 16);
    static final int SECONDS = Integer.getInteger("seconds", 20);
    static final int RATE = Integer.getInteger("rate", 50);
    /** Closed-loop load before measuring: the services' JIT needs a minute or two to reach steady state. */
    static final int WARMUP = Integer.getInteger("warmup", 120);

    record Result(String name, double perSecond, long p50, long p99, long max, int ok, int errors) {
    }

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        String admin = login(gateway, args[1], args[2]);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sku = "BENCH-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            int status = post(gateway + "/api/v1/inventory/items", admin, "{\"sku\":\"" + sku
                    + "\",\"name\":\"Bench item\",\"priceCents\":100,\"available\":1000000}").statusCode();
            if (status != 201) {
                throw new IllegalStateException("could not create bench item: " + status);
            }
            skus.add(sku);
        }
        List<String> shoppers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String email = "bench-" + UUID.randomUUID() + "@example.test";
            var r = post(gateway + "/api/v1/auth/register", null,
                    "{\"name\":\"Bench\",\"email\":\"" + email + "\",\"password\":\"bench-password-1\"}");
            shoppers.add(token(r.body()));
        }
        List<Result> results = new ArrayList<>();
        results.add(commitCeiling(Integer.parseInt(args[3]), args[4]));
        results.add(closedLoop(gateway, shoppers, skus));
        results.add(openLoop(gateway, shoppers, skus));

        StringBuilder table = new StringBuilder();
        table.append("# Place-order benchmark\n\n")
                .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, everything (PostgreSQL, Redis, 4 JVMs, load generator) on this machine.\n")
                .append("Clients ").append(CLIENTS).append(", ").append(SECONDS).append(" s per phase after ").append(WARMUP)
                .append(" s of closed-loop warm-up, fixed rate ")
                .append(RATE).append("/s. Each order: 2 lines, 3 commits (orders PENDING, inventory reserve, orders CONFIRMED).\n\n")
                .append("| phase | per second | p50 ms | p99 ms | max ms | ok | errors |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            table.append(String.format("| %s | %.1f | %d | %d | %d | %d | %d |%n", r.name(), r.perSecond(), r.p50(), r.p99(),
                    r.max(), r.ok(), r.errors()));
        }
        double ratio = results.get(1).perSecond() * 3 / results.get(0).perSecond();
        table.append(String.format("%nOrders/s x 3 commits / commit ceiling = %.0f %% of the PostgreSQL commit ceiling.%n",
                ratio * 100));
        System.out.println(table);
        Path out = Path.of(System.getProperty("out", "bench/results/orders-place.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        System.out.println("Written to " + out);
    }

    static Result commitCeiling(int pgPort, String password) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/ordersdb", "orders", password)) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_commits (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ DEFAULT now())");
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        Instant end = Instant.now().plusSeconds(SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            pool.submit(() -> {
                try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/ordersdb", "orders", password)) {
                    var insert = c.prepareStatement("INSERT INTO bench_commits DEFAULT VALUES");
                    while (Instant.now().isBefore(end)) {
                        long t = System.nanoTime();
                        insert.executeUpdate();
                        latencies.add(System.nanoTime() - t);
                    }
                } catch (Exception e) {
                    errors.incrementAndGet();
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(SECONDS + 30, TimeUnit.SECONDS);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/ordersdb", "orders", password)) {
            c.createStatement().execute("DROP TABLE bench_commits");
        }
        return summarize("PostgreSQL commit ceiling (INSERT+COMMIT)", latencies, errors.get(), SECONDS);
    }

    static Result closedLoop(String gateway, List<String> shoppers, List<String> skus) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        Instant warmupEnd = Instant.now().plusSeconds(WARMUP);
        Instant end = warmupEnd.plusSeconds(SECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            String token = shoppers.get(i);
            int seed = i;
            pool.submit(() -> {
                int n = seed;
                while (Instant.now().isBefore(end)) {
                    long t = System.nanoTime();
                    int status = placeOrder(gateway, token, skus, n++);
                    if (Instant.now().isAfter(warmupEnd)) {
                        if (status == 201) {
                            latencies.add(System.nanoTime() - t);
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(WARMUP + SECONDS + 60, TimeUnit.SECONDS);
        return summarize("place order, closed loop, " + CLIENTS + " clients", latencies, errors.get(), SECONDS);
    }

    static Result openLoop(String gateway, List<String> shoppers, List<String> skus) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        int total = RATE * SECONDS;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) i * 1_000_000_000L / RATE;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = i;
            pool.submit(() -> {
                int status = placeOrder(gateway, shoppers.get(n % shoppers.size()), skus, n);
                // latency from the scheduled send time, so queueing delay is counted (no coordinated omission)
                if (status == 201) {
                    latencies.add(System.nanoTime() - due);
                } else {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(120, TimeUnit.SECONDS);
        pool.shutdown();
        return summarize("place order, fixed rate " + RATE + "/s", latencies, errors.get(), SECONDS);
    }

    static int placeOrder(String gateway, String token, List<String> skus, int n) {
        String a = skus.get(n % skus.size());
        String b = skus.get((n * 7 + 3) % skus.size());
        if (a.equals(b)) {
            b = skus.get((n + 1) % skus.size());
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/orders"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"sku\":\"" + a + "\",\"qty\":1},{\"sku\":\"" + b
                            + "\",\"qty\":1}]}")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static Result summarize(String name, ConcurrentLinkedQueue<Long> nanos, int errors, int seconds) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        long p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1_000_000;
        long p99 = sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))) / 1_000_000;
        long max = sorted.isEmpty() ? 0 : sorted.getLast() / 1_000_000;
        return new Result(name, sorted.size() / (double) seconds, p50, p99, max, sorted.size(), errors);
    }

    static String login(String gateway, String email, String password) throws Exception {
        return token(post(gateway + "/api/v1/auth/login", null,
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}").body());
    }

    static String token(String body) {
        Matcher m = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return m.group(1);
    }

    static HttpResponse<String> post(String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
