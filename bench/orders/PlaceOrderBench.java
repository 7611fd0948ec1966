import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * 1. the ceiling: pgbench's "order transaction" (UPDATE one stock row, INSERT an order and a line, commit) on the
 *    fleet's own PostgreSQL, measured by run.sh and passed in as -Dceiling (transactions/s);
 * 2. closed-loop warm-up in windows until two consecutive windows are within 10% (steady JITs), then the measured
 *    closed-loop place-order phase (C clients, each order = 2 lines) with the CPU each fleet process spent in it
 *    (utime+stime from /proc/<pid>/stat of every descendant of -Dfleet.pid), per order;
 * 3. open-loop latency at a fixed rate: -Drate, or half of the measured closed-loop rate when unset.
 * Prints a table and writes it to bench/results/orders-place.md (or -Dout). Usage:
 *   java PlaceOrderBench.java <gatewayUrl> <adminEmail> <adminPassword>
 */
public class PlaceOrderBench {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final int CLIENTS = Integer.getInteger("clients", 32);
    static final int SECONDS = Integer.getInteger("seconds", 20);
    /** Fixed rate of the latency phase; 0 = half of the measured closed-loop rate. */
    static final int RATE = Integer.getInteger("rate", 0);
    /**
     * Warm-up: closed-loop windows of this many seconds until three in a row are within 10% of each other (two
     * were not enough: with four JVMs compiling on 2 cores, two windows could agree while the JIT was still
     * busy and the next window was 40% faster), at most WARMUP seconds.
     */
    static final int WINDOW = Integer.getInteger("window", 20);
    static final int WARMUP = Integer.getInteger("warmup", 300);
    /** Steadiness is not looked for before this many seconds of warm-up (comparisons of two stacks use the same). */
    static final int MIN_WARMUP = Integer.getInteger("minWarmup", 0);
    static final long TICKS_PER_SECOND = Long.getLong("clk.tck", 100);

    record Result(String name, double perSecond, long p50, long p99, long max, int ok, int errors) {
    }

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        List<String> skus = createItems(gateway, login(gateway, args[1], args[2]));
        Shoppers shoppers = Shoppers.register(gateway, CLIENTS);
        double ceiling = Double.parseDouble(System.getProperty("ceiling", "0"));
        long fleetPid = Long.getLong("fleet.pid", 0);

        List<String> warmup = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        List<String> warmupCpu = new ArrayList<>();
        int warmed = 0;
        boolean steady = false;
        while (warmed < WARMUP) {
            shoppers.renewIfOld();
            long ticksBefore = sum(fleetCpuTicks(fleetPid));
            long jitTicksBefore = sum(fleetJitTicks(fleetPid));
            Result w = closedLoop(gateway, shoppers.tokens, skus, WINDOW, "warm-up window");
            String cpu = msPerOrder(sum(fleetCpuTicks(fleetPid)) - ticksBefore, w.ok());
            String jit = msPerOrder(sum(fleetJitTicks(fleetPid)) - jitTicksBefore, w.ok());
            warmupCpu.add(cpu + " (JIT " + jit + ")");
            warmed += WINDOW;
            warmup.add(String.format("%.1f", w.perSecond()));
            rates.add(w.perSecond());
            System.out.printf("warm-up window %d: %.1f orders/s, %d errors, fleet CPU %s ms per order (JIT %s)%n",
                    warmup.size(), w.perSecond(), w.errors(), cpu, jit);
            if (rates.size() >= 3 && warmed >= MIN_WARMUP) {
                List<Double> last = rates.subList(rates.size() - 3, rates.size());
                double min = last.stream().mapToDouble(Double::doubleValue).min().orElse(0);
                double max = last.stream().mapToDouble(Double::doubleValue).max().orElse(0);
                if (min > 0 && max <= 1.1 * min) {
                    steady = true;
                    break;
                }
            }
        }

        shoppers.renewIfOld();
        Map<String, Long> cpuBefore = fleetCpuTicks(fleetPid);
        Map<String, Long> jitBefore = fleetJitTicks(fleetPid);
        long selfBefore = selfCpuTicks();
        Result closed = closedLoop(gateway, shoppers.tokens, skus, SECONDS, "place order, closed loop, " + CLIENTS + " clients");
        Map<String, Long> cpuAfter = fleetCpuTicks(fleetPid);
        Map<String, Long> jitAfter = fleetJitTicks(fleetPid);
        long selfAfter = selfCpuTicks();
        Result check = closedLoop(gateway, shoppers.tokens, skus, WINDOW, "steadiness check");
        int rate = RATE > 0 ? RATE : Math.max(1, (int) Math.round(closed.perSecond() / 2));
        shoppers.renewIfOld();
        Result open = openLoop(gateway, shoppers.tokens, skus, rate);

        StringBuilder table = new StringBuilder();
        table.append("# Place-order benchmark\n\n")
                .append("Run ").append(Instant.now()).append(" on ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, everything (PostgreSQL, Redis, 4 JVMs, load generator) on this machine.\n")
                .append("Clients ").append(CLIENTS).append(", ").append(SECONDS).append(" s measured after ").append(warmed)
                .append(" s of closed-loop warm-up in ").append(WINDOW).append(" s windows (orders/s: ")
                .append(String.join(", ", warmup)).append(steady ? "; the last three within 10%" : "; NOT steady within the warm-up limit")
                .append("), then a ").append(WINDOW).append(" s closed-loop check window (")
                .append(String.format("%.1f", check.perSecond())).append(" orders/s), then a fixed rate of ").append(rate)
                .append("/s (half the closed-loop rate unless -Drate). Each order: 2 lines.\n\n")
                .append("The whole fleet's CPU per order in each warm-up window, ms (of which JIT compiler threads): ")
                .append(String.join(", ", warmupCpu)).append(".\n\n")
                .append("| phase | per second | p50 ms | p99 ms | max ms | ok | errors |\n|---|---:|---:|---:|---:|---:|---:|\n");
        if (ceiling > 0) {
            table.append(String.format("| PostgreSQL order transaction (pgbench, %d clients) | %.1f | | | | | |%n", CLIENTS, ceiling));
        }
        for (Result r : List.of(closed, open)) {
            table.append(String.format("| %s | %.1f | %d | %d | %d | %d | %d |%n", r.name(), r.perSecond(), r.p50(), r.p99(),
                    r.max(), r.ok(), r.errors()));
        }
        if (ceiling > 0) {
            table.append(String.format("%nClosed-loop orders/s / PostgreSQL order transactions/s = %.1f %%.%n",
                    closed.perSecond() * 100 / ceiling));
        }
        if (!cpuAfter.isEmpty() && closed.ok() > 0) {
            table.append("\nCPU per order placed in the measured closed-loop phase (utime+stime from /proc, all threads and child processes):\n\n")
                    .append("| process | CPU ms per order | CPU cores busy | of which JIT compiler threads, ms per order (at least) |\n|---|---:|---:|---:|\n");
            long total = 0;
            long jitTotal = 0;
            for (var e : cpuAfter.entrySet()) {
                long ticks = e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L);
                total += ticks;
                Long jit = jitAfter.containsKey(e.getKey())
                        ? Math.max(0, jitAfter.get(e.getKey()) - jitBefore.getOrDefault(e.getKey(), 0L)) : null;
                jitTotal += jit == null ? 0 : jit;
                table.append(row(e.getKey(), ticks, jit, closed.ok()));
            }
            table.append(row("**whole fleet**", total, jitTotal, closed.ok()));
            table.append(row("load generator (this JVM)", selfAfter - selfBefore, null, closed.ok()));
            table.append("\nThe JIT column shows how far from warm the JVMs still are: CPU spent compiling is not the cost of an order.\n");
        }
        System.out.println(table);
        Path out = Path.of(System.getProperty("out", "bench/results/orders-place.md"));
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString());
        System.out.println("Written to " + out);
        // a shopper still waiting on a request that never got an answer must not keep the JVM (and run.sh) alive
        System.exit(0);
    }

    static String row(String name, long ticks, Long jitTicks, int orders) {
        double ms = ticks * 1000.0 / TICKS_PER_SECOND;
        String jit = jitTicks == null ? "" : String.format("%.2f", jitTicks * 1000.0 / TICKS_PER_SECOND / orders);
        return String.format("| %s | %.2f | %.2f | %s |%n", name, ms / orders, ms / 1000.0 / SECONDS, jit);
    }

    /** The 20 SKUs the shoppers order from, with a million units each. */
    static List<String> createItems(String gateway, String admin) throws Exception {
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
        return skus;
    }

    static long sum(Map<String, Long> ticks) {
        return ticks.values().stream().mapToLong(Long::longValue).sum();
    }

    static String msPerOrder(long ticks, int orders) {
        return orders == 0 ? "-" : String.format("%.2f", ticks * 1000.0 / TICKS_PER_SECOND / orders);
    }

    /**
     * CPU ticks (utime+stime) of every process of the fleet, grouped by what it is: the runner's descendants, plus
     * the processes started with the fleet's data directory on their command line (PostgreSQL's postmaster detaches
     * from the runner) and their children (PostgreSQL's backends).
     */
    static Map<String, Long> fleetCpuTicks(long fleetPid) {
        return fleetCpuTicks(fleetPid, System.getProperty("fleet.data", ""));
    }

    static Map<String, Long> fleetCpuTicks(long fleetPid, String dataDir) {
        Map<String, Long> ticks = new TreeMap<>();
        for (long pid : fleetPids(fleetPid, dataDir)) {
            String component = component(pid);
            if (component != null) {
                ticks.merge(component, cpuTicks(pid), Long::sum);
            }
        }
        return ticks;
    }

    /**
     * CPU ticks of the JIT compiler threads (C1, C2) of every JVM of the fleet, by component. A compiler thread that
     * ends between two readings takes its ticks with it, so the difference is a lower bound.
     */
    static Map<String, Long> fleetJitTicks(long fleetPid) {
        return fleetJitTicks(fleetPid, System.getProperty("fleet.data", ""));
    }

    static Map<String, Long> fleetJitTicks(long fleetPid, String dataDir) {
        Map<String, Long> ticks = new TreeMap<>();
        for (long pid : fleetPids(fleetPid, dataDir)) {
            String component = component(pid);
            if (component == null) {
                continue;
            }
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String comm = Files.readString(task.resolve("comm")).trim();
                        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                            ticks.merge(component, statTicks(task.resolve("stat")), Long::sum);
                        }
                    } catch (Exception ended) {
                        // the thread ended meanwhile
                    }
                }
            } catch (Exception e) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }

    static java.util.Set<Long> fleetPids(long fleetPid, String dataDir) {
        java.util.Set<Long> pids = new java.util.TreeSet<>();
        if (fleetPid <= 0) {
            return pids;
        }
        ProcessHandle.allProcesses().forEach(p -> {
            boolean self = p.pid() == ProcessHandle.current().pid();
            boolean root = !self && (p.pid() == fleetPid || (!dataDir.isEmpty() && cmdline(p.pid()).contains(dataDir)));
            if (root) {
                pids.add(p.pid());
                p.descendants().forEach(d -> pids.add(d.pid()));
            }
        });
        return pids;
    }

    static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (Exception e) {
            return "";
        }
    }

    static String component(long pid) {
        String cmd = cmdline(pid);
        for (String name : List.of("users-service", "orders-service", "inventory-service", "gateway")) {
            if (cmd.contains(name) && cmd.contains("-jar")) {
                return name;
            }
        }
        if (cmd.contains("KafkaBrokerMain")) {
            return "kafka";
        }
        if (cmd.contains("local-runner")) {
            return "local runner";
        }
        if (cmd.contains("redis")) {
            return "redis";
        }
        if (cmd.contains("postgres")) {
            return "postgresql";
        }
        return null;
    }

    /**
     * utime+stime of the process (all its threads) plus cutime+cstime, the CPU of its children that have ended and
     * been waited for: a PostgreSQL backend or autovacuum worker that ends between two readings moves its ticks to
     * the postmaster instead of taking them away (without this, a pool that recycles its connections during a
     * window made PostgreSQL's CPU negative).
     */
    static long cpuTicks(long pid) {
        return statTicks(Path.of("/proc/" + pid + "/stat"), true);
    }

    static long statTicks(Path statFile) {
        return statTicks(statFile, false);
    }

    /** utime+stime (fields 14 and 15), plus cutime+cstime (16 and 17) with {@code endedChildren}; 0 once gone. */
    static long statTicks(Path statFile, boolean endedChildren) {
        try {
            String stat = Files.readString(statFile);
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return endedChildren ? ticks + Long.parseLong(f[13]) + Long.parseLong(f[14]) : ticks;
        } catch (Exception e) {
            return 0;
        }
    }

    static long selfCpuTicks() {
        return cpuTicks(ProcessHandle.current().pid());
    }

    static Result closedLoop(String gateway, List<String> shoppers, List<String> skus, int seconds, String name)
            throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        Instant end = Instant.now().plusSeconds(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            String token = shoppers.get(i);
            int seed = i;
            pool.submit(() -> {
                int n = seed;
                while (Instant.now().isBefore(end)) {
                    long t = System.nanoTime();
                    int status = placeOrder(gateway, token, skus, n++);
                    if (status == 201) {
                        latencies.add(System.nanoTime() - t);
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        return summarize(name, latencies, errors.get(), seconds);
    }

    static Result openLoop(String gateway, List<String> shoppers, List<String> skus, int rate) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger errors = new AtomicInteger();
        int total = rate * SECONDS;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + (long) i * 1_000_000_000L / rate;
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
        return summarize("place order, fixed rate " + rate + "/s", latencies, errors.get(), SECONDS);
    }

    static int placeOrder(String gateway, String token, List<String> skus, int n) {
        String a = skus.get(n % skus.size());
        String b = skus.get((n * 7 + 3) % skus.size());
        if (a.equals(b)) {
            b = skus.get((n + 1) % skus.size());
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/orders")).timeout(Duration.ofSeconds(30))
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

    /**
     * The shoppers and their access tokens. A token lives 15 minutes, so a long warm-up would end up
     * measuring 401s: between phases (never inside one) every shopper signs in again once its token is
     * more than 10 minutes old.
     */
    static final class Shoppers {
        static final String PASSWORD = "bench-password-1";
        static final Duration RENEW_AFTER = Duration.ofMinutes(10);
        final String gateway;
        final List<String> emails = new ArrayList<>();
        final List<String> tokens = new ArrayList<>();
        Instant issued = Instant.now();

        Shoppers(String gateway) {
            this.gateway = gateway;
        }

        static Shoppers register(String gateway, int count) throws Exception {
            Shoppers shoppers = new Shoppers(gateway);
            for (int i = 0; i < count; i++) {
                shoppers.register();
            }
            return shoppers;
        }

        void register() throws Exception {
            String email = "bench-" + UUID.randomUUID() + "@example.test";
            var r = post(gateway + "/api/v1/auth/register", null,
                    "{\"name\":\"Bench\",\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
            emails.add(email);
            tokens.add(token(r.body()));
        }

        void renewIfOld() throws Exception {
            if (Duration.between(issued, Instant.now()).compareTo(RENEW_AFTER) < 0) {
                return;
            }
            Instant now = Instant.now();
            for (int i = 0; i < emails.size(); i++) {
                tokens.set(i, login(gateway, emails.get(i), PASSWORD));
            }
            issued = now;
            System.out.println("renewed " + emails.size() + " shopper tokens");
        }
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
