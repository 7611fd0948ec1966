package io.orderfleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetInfrastructure;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the service answers while PostgreSQL or Redis is really down (the embedded servers are stopped
 * and started again): the same context as the other integration tests, so it costs no extra start.
 */
@FleetIntegrationTest
class OutagesTest {

    static final String ADMIN = TestTokens.admin(1);
    /** A request that waits longer than this for an answer is a hang, whatever it would have answered. */
    static final Duration HANG = Duration.ofSeconds(5);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void whileTheDatabaseIsDownRequestsGet503WithRetryAfterChangeNothingAndWorkAgainOnceItIsBack() throws Exception {
        Assumptions.assumeTrue(FleetInfrastructure.get().mode().equals("embedded"), "only embedded PostgreSQL can be stopped");
        String sku = ItemsApiTest.newSku();
        String unborn = ItemsApiTest.newSku();
        ItemsApiTest.create(api, sku, 300, 7);

        FleetInfrastructure.get().stopPostgres();
        try {
            assertUnavailable(send("POST", "/api/v1/inventory/items/" + sku + "/adjustments",
                    "{\"delta\":5,\"reason\":\"while the database is down\"}"));
            assertUnavailable(send("POST", "/api/v1/inventory/items", "{\"sku\":\"" + unborn
                    + "\",\"name\":\"Never\",\"priceCents\":1,\"available\":1}"));
            assertUnavailable(send("GET", "/api/v1/inventory/items/" + unborn, null));
            assertUnavailable(send("GET", "/api/v1/inventory/items?size=5", null));
            var readiness = send("GET", "/actuator/health/readiness", null);
            assertThat(readiness.statusCode()).as("a service without its database is not ready").isEqualTo(503);
        } finally {
            FleetInfrastructure.get().startPostgres();
        }

        // no restart of the service: the pool reconnects by itself (a client that honours Retry-After gets
        // through after a few answers at most), and nothing of the refused writes exists
        var list = honouringRetryAfter("/api/v1/inventory/items?size=5");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        var item = api.get("/api/v1/inventory/items/" + sku, ADMIN);
        assertThat(item.status()).as(item.body()).isEqualTo(200);
        assertThat(item.json().get("available").asInt()).isEqualTo(7);
        assertThat(api.get("/api/v1/inventory/items/" + unborn, ADMIN).status()).isEqualTo(404);
        var adjusted = api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN,
                "{\"delta\":5,\"reason\":\"the database is back\"}");
        assertThat(adjusted.status()).as(adjusted.body()).isEqualTo(200);
        assertThat(api.get("/api/v1/inventory/items/" + sku, ADMIN).json().get("available").asInt()).isEqualTo(12);
        assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void withRedisDownTheServiceStaysReadyAndItsHealthShowsRedisDown() {
        Assumptions.assumeTrue(FleetInfrastructure.get().mode().equals("embedded"), "only embedded Redis can be stopped");
        FleetInfrastructure.get().stopRedis();
        try {
            var readiness = api.get("/actuator/health/readiness", null);
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
            var health = api.get("/actuator/health", null);
            assertThat(health.json().get("components").get("redis").get("status").asString()).isEqualTo("DOWN");
            assertThat(health.json().get("components").get("db").get("status").asString()).isEqualTo("UP");
        } finally {
            FleetInfrastructure.get().startRedis();
        }
        assertThat(api.get("/actuator/health", null).json().get("components").get("redis").get("status").asString())
                .isEqualTo("UP");
    }

    /** GETs like a well-behaved client: on a 503 it waits what Retry-After says and tries again, ten times at most. */
    private HttpResponse<String> honouringRetryAfter(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        for (int attempt = 1; attempt < 10 && response.statusCode() == 503; attempt++) {
            assertUnavailable(response);
            Thread.sleep(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow())));
            response = send("GET", path, null);
        }
        return response;
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(HANG)
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        long started = System.nanoTime();
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        System.out.printf("%s %s -> %d in %d ms%n", method, path, response.statusCode(),
                (System.nanoTime() - started) / 1_000_000);
        return response;
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        assertThat(response.body()).contains("\"status\":503").doesNotContain("Exception").doesNotContain("SQL");
    }
}
