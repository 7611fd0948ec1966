package io.orderfleet.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shopper simulation against a stand-in gateway that answers like the real API. */
class DemoTrafficTest {

    record Seen(String method, String path, String authorization, String body) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    HttpServer gateway;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", this::answer);
        gateway.start();
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    @Test
    void shoppersRegisterBrowseSearchOrderCancelAndSendABadRequestThenStopWhenTold() throws Exception {
        double rate = 20;
        Instant started = Instant.now();
        DemoTraffic traffic = DemoTraffic.start("http://127.0.0.1:" + gateway.getAddress().getPort(), rate);
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!(saw("POST", "/api/v1/orders/.+/cancel") && saw("GET", "/api/v1/inventory/items\\?q=.*")
                    && saw("POST", "/api/v1/orders") && seen.stream().anyMatch(s -> s.body().contains("\"items\":[]"))
                    && seen.stream().anyMatch(s -> s.body().contains("\"qty\":500")))) {
                assertThat(Instant.now()).as("every kind of request was sent; seen " + seen.size()).isBefore(deadline);
                Thread.sleep(100);
            }
        } finally {
            traffic.stop();
        }
        double elapsed = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        assertThat(seen.size()).as("bounded by the rate").isLessThanOrEqualTo((int) (rate * elapsed) + 2);
        assertThat(seen).filteredOn(s -> s.path().startsWith("/api/v1/orders") || s.path().startsWith("/api/v1/inventory"))
                .allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer demo-token"));
        assertThat(traffic.join(Duration.ofSeconds(20))).as("the shoppers' thread ends when stopped").isTrue();
        assertThat(traffic.statuses()).containsKeys(200, 201);
    }

    private boolean saw(String method, String pathRegex) {
        return seen.stream().anyMatch(s -> s.method().equals(method) && s.path().matches(pathRegex));
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().toString();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"), body));
        int status = 200;
        String response = "{}";
        if (path.equals("/api/v1/auth/register")) {
            status = 201;
        } else if (path.equals("/api/v1/auth/login")) {
            response = "{\"accessToken\":\"demo-token\"}";
        } else if (path.startsWith("/api/v1/inventory/items")) {
            response = "{\"content\":[{\"sku\":\"KB-001\"},{\"sku\":\"MS-002\"}]}";
        } else if (path.equals("/api/v1/orders") && exchange.getRequestMethod().equals("POST")) {
            status = body.contains("\"items\":[]") ? 422 : body.contains("\"qty\":500") ? 409 : 201;
            response = status == 201 ? "{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"CONFIRMED\"}" : "{\"status\":" + status + "}";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
