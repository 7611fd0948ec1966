package io.orderfleet.orders;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * users-service and inventory-service played by real HTTP servers on loopback, with the contract's
 * semantics (all-or-nothing reserve, idempotency per orderId, release tombstones) and switches to make
 * them slow or down. One instance per JVM, shared by every test of the module.
 */
final class StubPeers {

    static final StubPeers INSTANCE = new StubPeers();
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern USER = Pattern.compile("/internal/v1/users/(\\d+)");
    private static final Pattern RELEASE = Pattern.compile("/internal/v1/reservations/([0-9a-f-]{36})/release");
    private static final Pattern GET = Pattern.compile("/internal/v1/reservations/([0-9a-f-]{36})");

    record Item(String name, long priceCents) {
    }

    record Held(String status, Map<String, Integer> lines) {
    }

    final HttpServer users;
    final HttpServer inventory;
    final Set<Long> inactiveUsers = ConcurrentHashMap.newKeySet();
    final Map<String, Item> catalog = new ConcurrentHashMap<>();
    final Map<String, Integer> stock = new ConcurrentHashMap<>();
    final Map<UUID, Held> reservations = new ConcurrentHashMap<>();
    final AtomicInteger reserveCalls = new AtomicInteger();
    final AtomicInteger releaseCalls = new AtomicInteger();
    /** Calls that reached inventory while it was "down" and were dropped. */
    final AtomicInteger droppedInventoryCalls = new AtomicInteger();
    volatile boolean usersDown;
    volatile boolean inventoryDown;
    volatile long reserveDelayMillis;
    volatile int tokenSeconds = 300;
    /** Token requests users-service answered (client-credentials grants). */
    final AtomicInteger tokenGrants = new AtomicInteger();
    /** inventory answers this many more calls with 401, as if it no longer trusted the token. */
    final AtomicInteger refuseTokens = new AtomicInteger();
    /** X-Request-Id of the last reserve call, to check that the caller's id is forwarded. */
    volatile String lastReserveRequestId;
    /** W3C traceparent of the last reserve call and of the last user check, to check trace propagation. */
    volatile String lastReserveTraceparent;
    volatile String lastUserCheckTraceparent;

    private StubPeers() {
        try {
            users = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            inventory = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        users.setExecutor(Executors.newCachedThreadPool());
        inventory.setExecutor(Executors.newCachedThreadPool());
        users.createContext("/", this::users);
        inventory.createContext("/", this::inventory);
        users.start();
        inventory.start();
    }

    String usersUrl() {
        return "http://127.0.0.1:" + users.getAddress().getPort();
    }

    String inventoryUrl() {
        return "http://127.0.0.1:" + inventory.getAddress().getPort();
    }

    void reset() {
        usersDown = false;
        inventoryDown = false;
        reserveDelayMillis = 0;
        tokenSeconds = 300;
        refuseTokens.set(0);
    }

    void addItem(String sku, String name, long priceCents, int available) {
        catalog.put(sku, new Item(name, priceCents));
        stock.put(sku, available);
    }

    /** Units held for an order by an ACTIVE reservation. */
    int heldFor(UUID orderId) {
        Held held = reservations.get(orderId);
        return held == null || !held.status().equals("ACTIVE") ? 0
                : held.lines().values().stream().mapToInt(Integer::intValue).sum();
    }

    private void users(HttpExchange exchange) throws IOException {
        if (usersDown) {
            exchange.close();
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/oauth2/token")) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + java.util.Base64.getEncoder()
                    .encodeToString("orders-service:test-orders-secret".getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                send(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            tokenGrants.incrementAndGet();
            send(exchange, 200, "{\"access_token\":\"stub-service-token\",\"token_type\":\"Bearer\",\"expires_in\":" + tokenSeconds + "}");
            return;
        }
        Matcher m = USER.matcher(path);
        if (m.matches() && "Bearer stub-service-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            lastUserCheckTraceparent = exchange.getRequestHeaders().getFirst("traceparent");
            long id = Long.parseLong(m.group(1));
            send(exchange, 200, "{\"id\":" + id + ",\"active\":" + !inactiveUsers.contains(id) + ",\"role\":\"user\"}");
            return;
        }
        send(exchange, 404, "{}");
    }

    private void inventory(HttpExchange exchange) throws IOException {
        if (inventoryDown) {
            droppedInventoryCalls.incrementAndGet();
            exchange.close();
            return;
        }
        if (!"Bearer stub-service-token".equals(exchange.getRequestHeaders().getFirst("Authorization"))
                || refuseTokens.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            send(exchange, 401, "{}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (method.equals("POST") && path.equals("/internal/v1/reservations")) {
            reserveCalls.incrementAndGet();
            lastReserveRequestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
            lastReserveTraceparent = exchange.getRequestHeaders().getFirst("traceparent");
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (reserveDelayMillis > 0) {
                try {
                    Thread.sleep(reserveDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            reserve(exchange, body);
            return;
        }
        Matcher release = RELEASE.matcher(path);
        if (method.equals("POST") && release.matches()) {
            releaseCalls.incrementAndGet();
            UUID id = UUID.fromString(release.group(1));
            synchronized (this) {
                Held held = reservations.get(id);
                if (held == null) {
                    reservations.put(id, new Held("RELEASED", Map.of()));
                } else if (held.status().equals("ACTIVE")) {
                    held.lines().forEach((sku, qty) -> stock.merge(sku, qty, Integer::sum));
                    reservations.put(id, new Held("RELEASED", held.lines()));
                }
            }
            send(exchange, 200, "{\"orderId\":\"" + id + "\",\"status\":\"RELEASED\"}");
            return;
        }
        Matcher get = GET.matcher(path);
        if (method.equals("GET") && get.matches()) {
            UUID id = UUID.fromString(get.group(1));
            Held held = reservations.get(id);
            if (held == null) {
                send(exchange, 404, "{\"status\":404}");
            } else {
                send(exchange, 200, reservationJson(id, held));
            }
            return;
        }
        send(exchange, 404, "{}");
    }

    private synchronized void reserve(HttpExchange exchange, JsonNode body) throws IOException {
        UUID id = UUID.fromString(body.get("orderId").asString());
        Held existing = reservations.get(id);
        if (existing != null) {
            if (existing.lines().isEmpty()) {
                send(exchange, 409, "{\"status\":409,\"detail\":\"Order " + id + " was already released\"}");
            } else {
                send(exchange, 200, reservationJson(id, existing));
            }
            return;
        }
        Map<String, Integer> lines = new java.util.TreeMap<>();
        for (JsonNode line : body.get("lines")) {
            lines.put(line.get("sku").asString(), line.get("qty").asInt());
        }
        for (var line : lines.entrySet()) {
            if (!catalog.containsKey(line.getKey())) {
                send(exchange, 422, "{\"status\":422,\"detail\":\"lines: unknown SKU " + line.getKey() + "\"}");
                return;
            }
            int available = stock.get(line.getKey());
            if (available < line.getValue()) {
                send(exchange, 409, "{\"status\":409,\"detail\":\"Insufficient stock for " + line.getKey()
                        + "\",\"sku\":\"" + line.getKey() + "\",\"available\":" + available + "}");
                return;
            }
        }
        lines.forEach((sku, qty) -> stock.merge(sku, -qty, Integer::sum));
        Held held = new Held("ACTIVE", lines);
        reservations.put(id, held);
        send(exchange, 201, reservationJson(id, held));
    }

    private String reservationJson(UUID id, Held held) {
        List<String> lines = new ArrayList<>();
        held.lines().forEach((sku, qty) -> lines.add("{\"sku\":\"" + sku + "\",\"name\":\"" + catalog.get(sku).name()
                + "\",\"qty\":" + qty + ",\"unitPriceCents\":" + catalog.get(sku).priceCents() + "}"));
        return "{\"orderId\":\"" + id + "\",\"status\":\"" + held.status() + "\",\"lines\":[" + String.join(",", lines) + "]}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (timeout): the effect above has happened anyway, like a real server
        }
    }
}
