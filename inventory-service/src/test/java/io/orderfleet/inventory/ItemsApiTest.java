package io.orderfleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetInfrastructure;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;

@FleetIntegrationTest
class ItemsApiTest {

    static final String ADMIN = TestTokens.admin(1);
    static final String USER = TestTokens.user(2);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    static String newSku() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    static JsonNode create(ApiClient api, String sku, long price, int available) {
        var r = api.post("/api/v1/inventory/items", ADMIN, "{\"sku\":\"" + sku + "\",\"name\":\"Thing " + sku
                + "\",\"description\":\"A thing\",\"priceCents\":" + price + ",\"available\":" + available + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    JsonNode create(String sku, long price, int available) {
        return create(api, sku, price, available);
    }

    @Test
    void anAdminCreatesAnItemThatShoppersCanReadWithAnEtag() {
        String sku = newSku();
        JsonNode created = create(sku, 1999, 5);
        assertThat(created.get("reserved").asInt()).isZero();

        var read = api.get("/api/v1/inventory/items/" + sku, USER);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("priceCents").asLong()).isEqualTo(1999);
        assertThat(read.header("ETag")).isEqualTo("\"" + created.get("version").asLong() + "\"");

        var duplicate = api.post("/api/v1/inventory/items", ADMIN,
                "{\"sku\":\"" + sku + "\",\"name\":\"Again\",\"priceCents\":1,\"available\":1}");
        assertThat(duplicate.status()).isEqualTo(409);
    }

    @Test
    void aReadRightAfterAWriteIsNeverStale() {
        String sku = newSku();
        create(sku, 500, 10);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(10);

        api.patch("/api/v1/inventory/items/" + sku, ADMIN, "{\"priceCents\":750,\"name\":\"Renamed\"}");
        JsonNode afterPatch = api.get("/api/v1/inventory/items/" + sku, USER).json();
        assertThat(afterPatch.get("priceCents").asLong()).isEqualTo(750);
        assertThat(afterPatch.get("name").asString()).isEqualTo("Renamed");

        api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN, "{\"delta\":-4,\"reason\":\"damaged\"}");
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(6);

        assertThat(api.delete("/api/v1/inventory/items/" + sku, ADMIN).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).status()).isEqualTo(404);
    }

    @Test
    void cachedReadsAreServedFromRedisWithoutTouchingPostgres() {
        String sku = newSku();
        create(sku, 100, 3);
        awaitCacheHit(sku);
        // change the row behind the service's back: a read that went to PostgreSQL would see 99
        jdbc.sql("UPDATE items SET available = 99 WHERE sku = :sku").param("sku", sku).update();

        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/inventory/items?q=" + sku, USER).json().get("content").get(0).get("available")
                .asInt()).as("a page never cached before is read from PostgreSQL").isEqualTo(99);
    }

    @Test
    void aStaleIfMatchIs412AndChangesNothing() {
        String sku = newSku();
        JsonNode created = create(sku, 100, 3);
        String etag = "\"" + created.get("version").asLong() + "\"";
        var first = api.send("PATCH", "/api/v1/inventory/items/" + sku, ADMIN, "{\"priceCents\":200}", "If-Match", etag);
        assertThat(first.status()).isEqualTo(200);

        var stale = api.send("PATCH", "/api/v1/inventory/items/" + sku, ADMIN, "{\"priceCents\":300}", "If-Match", etag);

        assertThat(stale.status()).isEqualTo(412);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("priceCents").asLong()).isEqualTo(200);
    }

    @Test
    void adjustmentsWriteTheLedgerAndCannotTakeStockBelowZero() {
        String sku = newSku();
        create(sku, 100, 3);
        assertThat(api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN,
                "{\"delta\":7,\"reason\":\"restock\"}").json().get("available").asInt()).isEqualTo(10);

        var tooMuch = api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN, "{\"delta\":-11,\"reason\":\"oops\"}");
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(10);

        JsonNode ledger = api.get("/api/v1/inventory/items/" + sku + "/movements", ADMIN).json();
        assertThat(ledger.get("content")).hasSize(1);
        assertThat(ledger.get("content").get(0).get("delta").asInt()).isEqualTo(7);
        assertThat(ledger.get("content").get(0).get("kind").asString()).isEqualTo("ADJUSTMENT");
        assertThat(ledger.get("content").get(0).get("actorId").asString()).isEqualTo("1");
    }

    @Test
    void shoppersAreForbiddenEveryAdminEndpointAndAnonymousCallersGet401() {
        String sku = newSku();
        create(sku, 100, 3);
        assertThat(api.post("/api/v1/inventory/items", USER, "{\"sku\":\"" + newSku()
                + "\",\"name\":\"x\",\"priceCents\":1,\"available\":1}").status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/inventory/items/" + sku, USER, "{\"priceCents\":1}").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/inventory/items/" + sku + "/adjustments", USER, "{\"delta\":1,\"reason\":\"x\"}")
                .status()).isEqualTo(403);
        assertThat(api.get("/api/v1/inventory/items/" + sku + "/movements", USER).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/inventory/items/" + sku, USER).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/inventory/stats", USER).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/inventory/items", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items", TestTokens.expiredUser(2)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items", TestTokens.hs256(2)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items", TestTokens.unsigned(2)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items", TestTokens.withUnknownKid(2)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items", TestTokens.tamperedToAdmin(2)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items", TestTokens.fromAnotherIssuer(2)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items", TestTokens.forAnotherAudience(2)).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items", TestTokens.service("orders-service", "inventory:reserve"))
                .status()).isEqualTo(403);
    }

    @Test
    void badInputGetsProblemDetailsAndChangesNothing() {
        String sku = newSku();
        create(sku, 100, 3);
        assertProblem(api.post("/api/v1/inventory/items", ADMIN,
                "{\"sku\":\"bad sku\",\"name\":\"x\",\"priceCents\":1,\"available\":1}"), 422);
        assertProblem(api.post("/api/v1/inventory/items", ADMIN,
                "{\"sku\":\"" + newSku() + "\",\"name\":\"x\",\"priceCents\":-1,\"available\":1}"), 422);
        assertProblem(api.post("/api/v1/inventory/items", ADMIN,
                "{\"sku\":\"" + newSku() + "\",\"name\":\"x\",\"priceCents\":\"cheap\",\"available\":1}"), 400);
        assertProblem(api.post("/api/v1/inventory/items", ADMIN, "{\"sku\":"), 400);
        assertProblem(api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN, "{\"delta\":0,\"reason\":\"x\"}"), 422);
        assertProblem(api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN, "{\"delta\":1}"), 422);
        assertProblem(api.get("/api/v1/inventory/items?size=101", USER), 400);
        assertProblem(api.get("/api/v1/inventory/items?page=-1", USER), 400);
        assertProblem(api.get("/api/v1/inventory/items?sort=price_cents;drop", USER), 400);
        assertProblem(api.get("/api/v1/inventory/items/not%20a%20sku", USER), 400);
        assertProblem(api.get("/api/v1/inventory/items/NOPE-404", USER), 404);
        assertProblem(api.post("/api/v1/inventory/items/NOPE-404/adjustments", ADMIN, "{\"delta\":1,\"reason\":\"x\"}"), 404);
        assertProblem(api.send("POST", "/api/v1/inventory/items", ADMIN, "sku=x", "Content-Type", "text/plain"), 415);
        JsonNode after = api.get("/api/v1/inventory/items/" + sku, USER).json();
        assertThat(after.get("available").asInt()).isEqualTo(3);
        assertThat(after.get("priceCents").asLong()).isEqualTo(100);
    }

    @Test
    void listsPageSearchFilterAndSort() {
        String tag = "Q" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        create(tag + "-A", 300, 0);
        create(tag + "-B", 100, 5);
        create(tag + "-C", 200, 9);

        JsonNode all = api.get("/api/v1/inventory/items?q=" + tag + "&sort=priceCents,desc&size=2", USER).json();
        assertThat(all.get("content").findValuesAsString("sku")).containsExactly(tag + "-A", tag + "-C");
        assertThat(all.get("page").get("totalElements").asLong()).isEqualTo(3);
        assertThat(all.get("page").get("totalPages").asInt()).isEqualTo(2);

        JsonNode inStock = api.get("/api/v1/inventory/items?q=" + tag.toLowerCase() + "&inStock=true", USER).json();
        assertThat(inStock.get("content").findValuesAsString("sku")).containsExactly(tag + "-B", tag + "-C");
    }

    @Test
    void withRedisDownReadsAndWritesStillWorkFromPostgres() {
        String sku = newSku();
        create(sku, 100, 4);
        Assumptions.assumeTrue(FleetInfrastructure.get().mode().equals("embedded"), "only embedded Redis can be stopped");
        FleetInfrastructure.get().stopRedis();
        try {
            assertThat(api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN,
                    "{\"delta\":1,\"reason\":\"redis is down\"}").status()).isEqualTo(200);
            assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(5);
        } finally {
            FleetInfrastructure.get().startRedis();
        }
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(5);
    }

    @Test
    void cachedReadsAreAnsweredWithoutTakingADatabaseConnection() {
        String sku = newSku();
        create(sku, 100, 3);
        awaitCacheHit(sku);
        double before = connectionsAcquired();

        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/api/v1/inventory/items/" + sku, USER).status()).isEqualTo(200);
        }

        assertThat(connectionsAcquired()).as("JDBC connections taken by 20 cached reads").isEqualTo(before);
        api.get("/api/v1/inventory/items?q=" + sku, USER);
        assertThat(connectionsAcquired()).as("an uncached list does reach PostgreSQL").isGreaterThan(before);
    }

    /** After Redis trouble (another test stops it) the cache sits out for a second; wait until it serves again. */
    void awaitCacheHit(String sku) {
        Counter hits = meters.counter("inventory.item.cache", "result", "hit");
        for (int i = 0; i < 100; i++) {
            double before = hits.count();
            api.get("/api/v1/inventory/items/" + sku, USER);
            if (hits.count() > before) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("the item cache never served " + sku);
    }

    double connectionsAcquired() {
        Timer acquire = meters.find("hikaricp.connections.acquire").timer();
        assertThat(acquire).as("HikariCP metrics are bound").isNotNull();
        return acquire.count();
    }

    @Test
    void archivedItemsDisappearFromListsAndReadsButTheirSkuStaysTaken() {
        String sku = newSku();
        create(sku, 100, 3);
        assertThat(api.delete("/api/v1/inventory/items/" + sku, ADMIN).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/inventory/items?q=" + sku, USER).json().get("content")).isEmpty();
        assertProblem(api.get("/api/v1/inventory/items/" + sku, USER), 404);
        assertProblem(api.delete("/api/v1/inventory/items/" + sku, ADMIN), 404);
        assertProblem(api.post("/api/v1/inventory/items", ADMIN,
                "{\"sku\":\"" + sku + "\",\"name\":\"Again\",\"priceCents\":1,\"available\":1}"), 409);
    }

    @Test
    void theLedgerIsPagedNewestFirstAndRecordsWhoChangedTheStock() {
        String sku = newSku();
        create(sku, 100, 0);
        for (int i = 1; i <= 5; i++) {
            api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN, "{\"delta\":" + i + ",\"reason\":\"delivery " + i + "\"}");
        }

        JsonNode page = api.get("/api/v1/inventory/items/" + sku + "/movements?page=1&size=2", ADMIN).json();

        assertThat(page.get("content").findValuesAsString("reason")).containsExactly("delivery 3", "delivery 2");
        assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(5);
        assertThat(page.get("content").get(0).get("actorId").asString()).isEqualTo("1");
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(15);
        assertProblem(api.get("/api/v1/inventory/items/" + sku + "/movements?size=500", ADMIN), 400);
        assertProblem(api.get("/api/v1/inventory/items/NOPE-404/movements", ADMIN), 404);
    }

    @Test
    void patchValidatesFieldsAndAcceptsTheCurrentEtag() {
        String sku = newSku();
        JsonNode created = create(sku, 100, 3);
        assertProblem(api.patch("/api/v1/inventory/items/" + sku, ADMIN, "{\"priceCents\":-5}"), 422);
        assertProblem(api.patch("/api/v1/inventory/items/" + sku, ADMIN, "{\"name\":\"   \"}"), 422);
        assertProblem(api.patch("/api/v1/inventory/items/" + sku, ADMIN, "{\"name\":\"" + "x".repeat(201) + "\"}"), 422);
        assertProblem(api.patch("/api/v1/inventory/items/NOPE-404", ADMIN, "{\"priceCents\":5}"), 404);

        var ok = api.send("PATCH", "/api/v1/inventory/items/" + sku, ADMIN, "{\"description\":\"new\"}", "If-Match",
                "\"" + created.get("version").asLong() + "\"");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("ETag")).isEqualTo("\"" + (created.get("version").asLong() + 1) + "\"");
        assertThat(ok.json().get("priceCents").asLong()).as("fields left out are kept").isEqualTo(100);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("description").asString()).isEqualTo("new");
    }

    @Test
    void statsCountLiveItemsAndListTheLowOnes() {
        String empty = newSku();
        String low = newSku();
        String plenty = newSku();
        create(empty, 100, 0);
        create(low, 100, 4);
        create(plenty, 100, 500);
        var expected = jdbc.sql("SELECT count(*) AS skus, sum(available) AS units, count(*) FILTER (WHERE available = 0) AS oos"
                + " FROM items WHERE NOT archived").query().singleRow();

        JsonNode stats = api.get("/api/v1/inventory/stats?lowStockThreshold=5", ADMIN).json();

        assertThat(stats.get("totalSkus").asLong()).isEqualTo(((Number) expected.get("skus")).longValue());
        assertThat(stats.get("totalUnits").asLong()).isEqualTo(((Number) expected.get("units")).longValue());
        assertThat(stats.get("outOfStock").asLong()).isEqualTo(((Number) expected.get("oos")).longValue());
        assertThat(stats.get("lowStock").findValuesAsString("sku")).contains(empty, low).doesNotContain(plenty);
        assertProblem(api.get("/api/v1/inventory/stats?lowStockThreshold=-1", ADMIN), 400);
        assertProblem(api.get("/api/v1/inventory/stats?lowStockThreshold=lots", ADMIN), 400);
    }

    @Test
    void theServicePublishesItsOpenApiDocumentAndReadinessWithoutAToken() {
        var docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/inventory/items/{sku}/adjustments", "/internal/v1/reservations");
        var ready = api.get("/actuator/health/readiness", null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asString()).isEqualTo("UP");
    }

    static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("SQL");
    }
}
