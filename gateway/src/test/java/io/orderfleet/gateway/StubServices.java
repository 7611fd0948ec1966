package io.orderfleet.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The three services as real HTTP servers that echo what they received; each can be switched off (the
 * connection is closed without an answer) or stalled (the request is accepted and never answered, like a
 * frozen process, until {@link #releaseStalled()}).
 */
final class StubServices {

    static final StubServices INSTANCE = new StubServices();

    record Seen(String method, String path, Map<String, String> headers) {
    }

    final Map<String, HttpServer> servers = new ConcurrentHashMap<>();
    final Map<String, Seen> lastSeen = new ConcurrentHashMap<>();
    final Map<String, Boolean> down = new ConcurrentHashMap<>();
    final Map<String, CountDownLatch> stalled = new ConcurrentHashMap<>();

    private StubServices() {
        for (String name : new String[] {"users", "inventory", "orders"}) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.setExecutor(Executors.newCachedThreadPool());
                server.createContext("/", exchange -> handle(name, exchange));
                server.start();
                servers.put(name, server);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** From now on {@code name} accepts requests and does not answer them. */
    void stall(String name) {
        stalled.put(name, new CountDownLatch(1));
    }

    /** Lets the stalled requests go (their connections are closed unanswered) and answers normally again. */
    void releaseStalled() {
        stalled.values().forEach(CountDownLatch::countDown);
        stalled.clear();
    }

    String url(String name) {
        return "http://127.0.0.1:" + servers.get(name).getAddress().getPort();
    }

    private void handle(String name, HttpExchange exchange) throws IOException {
        if (Boolean.TRUE.equals(down.get(name))) {
            exchange.close();
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        lastSeen.put(name, new Seen(exchange.getRequestMethod(), path, headers));
        exchange.getRequestBody().readAllBytes();
        CountDownLatch stall = stalled.get(name);
        if (stall != null) {
            try {
                stall.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        String body = path.equals("/actuator/health/readiness") ? "{\"status\":\"UP\"}"
                // like the real services: the full document has the internal contracts, the public group not
                : path.equals("/v3/api-docs") ? "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "\"},"
                        + "\"paths\":{\"/api/v1/" + name + "\":{},\"/internal/v1/" + name + "\":{}}}"
                : path.equals("/v3/api-docs/public") ? "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"" + name + "\"},"
                        + "\"paths\":{\"/api/v1/" + name + "\":{}}}"
                : "{\"service\":\"" + name + "\",\"path\":\"" + path + "\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
