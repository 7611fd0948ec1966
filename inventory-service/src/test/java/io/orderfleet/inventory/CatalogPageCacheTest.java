package io.orderfleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetInfrastructure;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The catalog's list and search pages are cached in Redis under the catalog's generation: served from
 * Redis the second time, never stale after any write (admin or reservation), and never after an outage.
 */
@FleetIntegrationTest
class CatalogPageCacheTest {

    static final String ADMIN = TestTokens.admin(1);
    static final String USER = TestTokens.user(2);
    static final String SERVICE = TestTokens.service("orders-service", "inventory:reserve");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    StringRedisTemplate redis;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aPageIsServedFromRedisTheSecondTimeWithTheSameBodyAndHeaders() {
        String tag = newTag();
        ItemsApiTest.create(api, tag + "-A", 300, 4);
        ItemsApiTest.create(api, tag + "-B", 100, 0);
        String path = "/api/v1/inventory/items?q=" + tag.toLowerCase() + "&sort=priceCents,desc&size=5";
        ApiClient.Response fromPostgres = awaitPageMiss(path);

        ApiClient.Response fromRedis = awaitPageHit(path);

        assertThat(fromRedis.status()).isEqualTo(200);
        assertThat(fromRedis.body()).as("the cached bytes are what the converter wrote").isEqualTo(fromPostgres.body());
        assertThat(headers(fromRedis)).isEqualTo(headers(fromPostgres));
        String generation = redis.opsForValue().get("items:gen");
        assertThat(redis.opsForValue().get("items:page:" + generation + ":v1:0:5:priceCents DESC:null:" + tag.toLowerCase()))
                .isEqualTo(fromPostgres.body());
        assertThat(redis.getExpire("items:page:" + generation + ":v1:0:5:priceCents DESC:null:" + tag.toLowerCase()))
                .as("pages expire by themselves").isPositive();

        // a row changed behind the service's back: a page read from PostgreSQL would show 99
        jdbc.sql("UPDATE items SET available = 99 WHERE sku = :sku").param("sku", tag + "-A").update();
        double connections = connectionsAcquired();
        JsonNode cached = awaitPageHit(path).json();
        assertThat(cached.get("content").get(0).get("available").asInt()).isEqualTo(4);
        assertThat(connectionsAcquired()).as("a cached page takes no JDBC connection").isEqualTo(connections);
        assertThat(api.get("/api/v1/inventory/items?q=" + tag + "&sort=priceCents,desc&size=5", USER).json()
                .get("content").get(0).get("available").asInt())
                .as("the same query spelled differently shares the page").isEqualTo(4);
        assertThat(api.get(path + "&inStock=true", USER).json().get("content").get(0).get("available").asInt())
                .as("another filter is another page").isEqualTo(99);
    }

    @Test
    void anAdminAndAShopperShareAPageBecauseWhatPostgresAnswersThemIsTheSame() {
        String tag = newTag();
        ItemsApiTest.create(api, tag + "-A", 100, 2);
        ItemsApiTest.create(api, tag + "-B", 200, 0);
        String path = "/api/v1/inventory/items?q=" + tag;
        ApiClient.Response forAdmin = awaitPage(path, ADMIN, pageCounter("miss"));
        String generation = redis.opsForValue().get("items:gen");
        String pageKey = "items:page:" + generation + ":v1:0:20:sku ASC:null:" + tag.toLowerCase();
        assertThat(redis.opsForValue().get(pageKey)).isEqualTo(forAdmin.body());

        // without the admin's entry, the shopper's page comes from PostgreSQL: byte for byte the admin's
        redis.delete(pageKey);
        ApiClient.Response forShopper = awaitPage(path, USER, pageCounter("miss"));

        assertThat(forShopper.body()).isEqualTo(forAdmin.body());
        assertThat(headers(forShopper)).isEqualTo(headers(forAdmin));
    }

    @Test
    void everyKindOfWriteShowsOnTheSamePageAtOnce() {
        String tag = newTag();
        String a = tag + "-A";
        String b = tag + "-B";
        ItemsApiTest.create(api, a, 100, 10);
        ItemsApiTest.create(api, b, 200, 5);
        String path = "/api/v1/inventory/items?q=" + tag + "&sort=priceCents,asc";
        assertThat(skus(awaitPageHit(path).json())).containsExactly(a, b);

        assertThat(api.post("/api/v1/inventory/items/" + a + "/adjustments", ADMIN,
                "{\"delta\":5,\"reason\":\"restock\"}").status()).isEqualTo(200);
        assertThat(item(page(path), a).get("available").asInt()).as("after an adjustment").isEqualTo(15);

        awaitPageHit(path);
        assertThat(api.patch("/api/v1/inventory/items/" + b, ADMIN, "{\"priceCents\":50,\"name\":\"Cheaper\"}")
                .status()).isEqualTo(200);
        JsonNode afterPatch = page(path);
        assertThat(skus(afterPatch)).as("after a price change").containsExactly(b, a);
        assertThat(item(afterPatch, b).get("name").asString()).isEqualTo("Cheaper");

        awaitPageHit(path);
        UUID order = UUID.randomUUID();
        assertThat(api.post("/internal/v1/reservations", SERVICE, "{\"orderId\":\"" + order + "\",\"lines\":[{\"sku\":\""
                + a + "\",\"qty\":3}]}").status()).isEqualTo(201);
        JsonNode afterReserve = item(page(path), a);
        assertThat(afterReserve.get("available").asInt()).as("after a reservation").isEqualTo(12);
        assertThat(afterReserve.get("reserved").asInt()).isEqualTo(3);

        awaitPageHit(path);
        assertThat(api.post("/internal/v1/reservations/" + order + "/release", SERVICE, "").status()).isEqualTo(200);
        JsonNode afterRelease = item(page(path), a);
        assertThat(afterRelease.get("available").asInt()).as("after a release").isEqualTo(15);
        assertThat(afterRelease.get("reserved").asInt()).isZero();

        awaitPageHit(path);
        assertThat(api.delete("/api/v1/inventory/items/" + b, ADMIN).status()).isEqualTo(204);
        JsonNode afterArchive = page(path);
        assertThat(skus(afterArchive)).as("after an archive").containsExactly(a);
        assertThat(afterArchive.get("page").get("totalElements").asLong()).isEqualTo(1);

        awaitPageHit(path);
        ItemsApiTest.create(api, tag + "-C", 10, 1);
        assertThat(skus(page(path))).as("after a create").containsExactly(tag + "-C", a);
    }

    @Test
    void aWriteThatCannotReachRedisKeepsThePageCachedBeforeItFromEverBeingServedAgain() {
        Assumptions.assumeTrue(FleetInfrastructure.get().mode().equals("embedded"), "only embedded Redis can be stopped");
        String tag = newTag();
        String sku = tag + "-A";
        ItemsApiTest.create(api, sku, 100, 4);
        String path = "/api/v1/inventory/items?q=" + tag;
        assertThat(item(awaitPageHit(path).json(), sku).get("available").asInt()).isEqualTo(4);
        String generation = redis.opsForValue().get("items:gen");
        String pageKey = "items:page:" + generation + ":v1:0:20:sku ASC:null:" + tag.toLowerCase();
        String before = redis.opsForValue().get(pageKey);
        assertThat(before).isNotNull();

        FleetInfrastructure.get().stopRedis();
        try {
            assertThat(api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN,
                    "{\"delta\":1,\"reason\":\"redis is down\"}").status()).isEqualTo(200);
            var whileDown = api.get(path, USER);
            assertThat(whileDown.status()).isEqualTo(200);
            assertThat(item(whileDown.json(), sku).get("available").asInt()).as("from PostgreSQL").isEqualTo(5);
        } finally {
            FleetInfrastructure.get().startRedis();
        }
        // whether or not Redis kept its data, put back exactly what it held before the outage
        retry(() -> {
            redis.opsForValue().set("items:gen", generation);
            redis.opsForValue().set(pageKey, before);
            return null;
        });

        Counter hits = pageCounter("hit");
        Counter misses = pageCounter("miss");
        double served = hits.count() + misses.count();
        for (int i = 0; i < 100 && hits.count() + misses.count() == served; i++) {
            assertThat(item(page(path), sku).get("available").asInt()).isEqualTo(5);
            pause();
        }
        assertThat(hits.count() + misses.count()).as("the page cache is used again").isGreaterThan(served);
        assertThat(item(awaitPageHit(path).json(), sku).get("available").asInt())
                .as("the page cached before the outage is never served").isEqualTo(5);
        assertThat(Long.parseLong(redis.opsForValue().get("items:gen"))).as("the generation was bumped on recovery")
                .isGreaterThan(Long.parseLong(generation));
    }

    JsonNode page(String path) {
        var response = api.get(path, USER);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Reads the page until it comes from Redis (after another test's outage the cache sits out a second). */
    ApiClient.Response awaitPageHit(String path) {
        return awaitPage(path, pageCounter("hit"));
    }

    ApiClient.Response awaitPageMiss(String path) {
        return awaitPage(path, pageCounter("miss"));
    }

    ApiClient.Response awaitPage(String path, Counter counter) {
        return awaitPage(path, USER, counter);
    }

    ApiClient.Response awaitPage(String path, String token, Counter counter) {
        for (int i = 0; i < 100; i++) {
            double before = counter.count();
            var response = api.get(path, token);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            if (counter.count() > before) {
                return response;
            }
            pause();
        }
        throw new AssertionError("the page cache never answered " + path + " with " + counter.getId());
    }

    Counter pageCounter(String result) {
        return meters.counter("inventory.item.page.cache", "result", result);
    }

    double connectionsAcquired() {
        Timer acquire = meters.find("hikaricp.connections.acquire").timer();
        assertThat(acquire).as("HikariCP metrics are bound").isNotNull();
        return acquire.count();
    }

    static Map<String, List<String>> headers(ApiClient.Response response) {
        Map<String, List<String>> headers = new TreeMap<>(response.raw().headers().map());
        headers.remove("date");
        headers.remove("x-request-id");
        return headers;
    }

    static List<String> skus(JsonNode page) {
        return page.get("content").findValuesAsString("sku");
    }

    static JsonNode item(JsonNode page, String sku) {
        for (JsonNode item : page.get("content")) {
            if (item.get("sku").asString().equals(sku)) {
                return item;
            }
        }
        throw new AssertionError(sku + " is not on the page " + page);
    }

    static String newTag() {
        return "P" + UUID.randomUUID().toString().substring(0, 7).toUpperCase();
    }

    static <T> T retry(Supplier<T> action) {
        RuntimeException last = null;
        for (int i = 0; i < 50; i++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                last = e;
                pause();
            }
        }
        throw last;
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
