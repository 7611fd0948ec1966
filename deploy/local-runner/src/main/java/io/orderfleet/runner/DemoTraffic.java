package io.orderfleet.runner;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A few simulated shoppers for dashboards and traces with something in them: they browse and search
 * the catalog, open items, order (now and then more than is in stock), list and cancel their orders,
 * and send an invalid order once in a while. At most {@code rate} requests a second in total, only to
 * the gateway it is given; it registers its own shoppers (random passwords, never printed).
 *
 * <p>Run by {@code ./fleet --demo-traffic} (stops with the fleet) and by the compose
 * {@code observability} profile ({@code java -cp ... io.orderfleet.runner.DemoTraffic http://gateway:8080}).
 */
public final class DemoTraffic implements Runnable {

    private static final Pattern SKU = Pattern.compile("\"sku\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ORDER_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern TOKEN = Pattern.compile("\"accessToken\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] SEARCHES = {"keyboard", "mouse", "monitor", "desk", "lamp", "pro", "mini", "dock"};
    private static final int SHOPPERS = 3;

    private final String gateway;
    private final long pauseNanos;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();
    private final List<Shopper> shoppers = new ArrayList<>();
    private final List<String> skus = new ArrayList<>();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentSkipListMap<>();
    private volatile boolean running = true;
    private Thread thread;

    private static final class Shopper {
        final String email;
        final String password;
        String token;
        final List<String> orders = new ArrayList<>();

        Shopper(String email, String password) {
            this.email = email;
            this.password = password;
        }
    }

    DemoTraffic(String gateway, double requestsPerSecond) {
        this.gateway = gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
        double rate = Math.max(0.1, Math.min(requestsPerSecond, 20));
        this.pauseNanos = (long) (1_000_000_000L / rate);
    }

    public static void main(String[] args) throws InterruptedException {
        String gateway = args.length > 0 ? args[0] : "http://localhost:8080";
        DemoTraffic traffic = start(gateway, rateFromEnvironment());
        Runtime.getRuntime().addShutdownHook(new Thread(traffic::stop, "demo-traffic-stop"));
        traffic.thread.join();
    }

    static double rateFromEnvironment() {
        String value = System.getenv("ORDERFLEET_DEMO_RATE");
        try {
            return value == null || value.isBlank() ? 3 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 3;
        }
    }

    /** Starts the shoppers on a daemon thread: they end with the JVM, or at {@link #stop()}. */
    static DemoTraffic start(String gateway, double requestsPerSecond) {
        DemoTraffic traffic = new DemoTraffic(gateway, requestsPerSecond);
        traffic.thread = Thread.ofPlatform().daemon().name("demo-traffic").start(traffic);
        System.out.printf("Demo traffic: %d shoppers, at most %.1f requests/s, to %s%n", SHOPPERS,
                1_000_000_000.0 / traffic.pauseNanos, traffic.gateway);
        return traffic;
    }

    void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Waits for the shoppers' thread to end after {@link #stop()}. */
    boolean join(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        long lastReport = System.nanoTime();
        while (running) {
            try {
                step();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                count(-1);
            }
            next += pauseNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime();
            }
            if (System.nanoTime() - lastReport > Duration.ofMinutes(1).toNanos()) {
                System.out.println("Demo traffic, responses by status so far (-1 = no answer): " + statuses);
                lastReport = System.nanoTime();
            }
        }
    }

    private void step() throws Exception {
        if (shoppers.size() < SHOPPERS) {
            register();
            return;
        }
        Shopper shopper = shoppers.get(random.nextInt(shoppers.size()));
        if (shopper.token == null) {
            shopper.token = login(shopper);
            return;
        }
        int dice = random.nextInt(100);
        HttpResponse<String> response;
        if (dice < 35 || skus.isEmpty()) {
            response = get("/api/v1/inventory/items?page=" + random.nextInt(3) + "&size=20", shopper);
            rememberSkus(response);
        } else if (dice < 55) {
            String q = SEARCHES[random.nextInt(SEARCHES.length)];
            response = get("/api/v1/inventory/items?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), shopper);
        } else if (dice < 68) {
            response = get("/api/v1/inventory/items/" + anySku(), shopper);
        } else if (dice < 83) {
            // one order in five asks for far more than any demo item holds: a 409 naming the SKU
            int qty = random.nextInt(5) == 0 ? 500 : 1 + random.nextInt(2);
            response = send("POST", "/api/v1/orders", shopper, "{\"items\":[{\"sku\":\"" + anySku() + "\",\"qty\":" + qty + "}]}");
            Matcher id = ORDER_ID.matcher(response.body());
            if (response.statusCode() == 201 && id.find()) {
                shopper.orders.add(id.group(1));
            }
        } else if (dice < 90) {
            response = get("/api/v1/orders?size=10", shopper);
        } else if (dice < 96 && !shopper.orders.isEmpty()) {
            String id = shopper.orders.remove(random.nextInt(shopper.orders.size()));
            response = send("POST", "/api/v1/orders/" + id + "/cancel", shopper, "{\"reason\":\"demo traffic\"}");
        } else {
            // an invalid order: no items at all (422)
            response = send("POST", "/api/v1/orders", shopper, "{\"items\":[]}");
        }
        if (response.statusCode() == 401) {
            shopper.token = null;
        }
        count(response.statusCode());
    }

    private void register() throws Exception {
        String email = "demo-traffic-" + HexFormat.of().formatHex(bytes(4)) + "@orderfleet.local";
        Shopper shopper = new Shopper(email, HexFormat.of().formatHex(bytes(16)));
        var response = http.send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/auth/register")),
                "{\"name\":\"Demo Traffic\",\"email\":\"" + email + "\",\"password\":\"" + shopper.password + "\"}")
                .build(), HttpResponse.BodyHandlers.ofString());
        count(response.statusCode());
        if (response.statusCode() == 201) {
            shoppers.add(shopper);
        }
    }

    private String login(Shopper shopper) throws Exception {
        var response = http.send(json(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/auth/login")),
                "{\"email\":\"" + shopper.email + "\",\"password\":\"" + shopper.password + "\"}")
                .build(), HttpResponse.BodyHandlers.ofString());
        count(response.statusCode());
        Matcher m = TOKEN.matcher(response.body());
        return response.statusCode() == 200 && m.find() ? m.group(1) : null;
    }

    private HttpResponse<String> get(String path, Shopper shopper) throws Exception {
        return http.send(authorized(path, shopper).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, Shopper shopper, String body) throws Exception {
        HttpRequest.Builder builder = json(authorized(path, shopper), null).method(method,
                HttpRequest.BodyPublishers.ofString(body));
        if (path.equals("/api/v1/orders")) {
            builder.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder authorized(String path, Shopper shopper) {
        return HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", "Bearer " + shopper.token);
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String body) {
        builder.header("Content-Type", "application/json");
        return body == null ? builder : builder.POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private void rememberSkus(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return;
        }
        Matcher m = SKU.matcher(response.body());
        while (m.find() && skus.size() < 200) {
            if (!skus.contains(m.group(1))) {
                skus.add(m.group(1));
            }
        }
    }

    private String anySku() {
        return skus.isEmpty() ? "NO-SUCH-SKU" : skus.get(random.nextInt(skus.size()));
    }

    private byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private void count(int status) {
        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    /** Responses by HTTP status (-1: no answer), for the periodic summary line and tests. */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        statuses.forEach((status, n) -> copy.put(status, n.get()));
        return copy;
    }
}
