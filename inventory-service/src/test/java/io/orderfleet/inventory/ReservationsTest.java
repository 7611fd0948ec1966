package io.orderfleet.inventory;

import static io.orderfleet.inventory.ItemsApiTest.ADMIN;
import static io.orderfleet.inventory.ItemsApiTest.USER;
import static io.orderfleet.inventory.ItemsApiTest.assertProblem;
import static io.orderfleet.inventory.ItemsApiTest.create;
import static io.orderfleet.inventory.ItemsApiTest.newSku;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.TestTokens;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@FleetIntegrationTest
class ReservationsTest {

    static final String SERVICE = TestTokens.service("orders-service", "users:read", "inventory:reserve");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    ApiClient.Response reserve(UUID orderId, String linesJson) {
        return api.post("/internal/v1/reservations", SERVICE, "{\"orderId\":\"" + orderId + "\",\"lines\":" + linesJson + "}");
    }

    @Test
    void manyConcurrentMultiLineReservationsNeverOversellDeadlockOrFailAndTheLedgerBalances() throws Exception {
        List<String> skus = List.of(newSku(), newSku(), newSku(), newSku());
        for (String sku : skus) {
            create(api, sku, 250, 40);
        }
        int clients = 96;
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            List<String> mine = new ArrayList<>(skus);
            Collections.shuffle(mine, random);
            List<String> lines = new ArrayList<>();
            for (String sku : mine.subList(0, 2 + random.nextInt(3))) {
                lines.add("{\"sku\":\"" + sku + "\",\"qty\":" + (1 + random.nextInt(4)) + "}");
            }
            String body = "[" + String.join(",", lines) + "]";
            futures.add(pool.submit(() -> {
                start.await();
                int status = reserve(UUID.randomUUID(), body).status();
                statuses.merge(status, 1, Integer::sum);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(statuses.keySet()).as("only created or out of stock, never a deadlock or 500: " + statuses)
                .isSubsetOf(201, 409);
        assertThat(statuses.get(201)).isPositive();
        assertThat(statuses.get(409)).as("stock ran out for some").isPositive();
        for (String sku : skus) {
            assertStockConserved(sku);
        }
    }

    @Test
    void racingReleasesReservesAndAdjustmentsKeepTheLedgerBalancedAndGiveEveryUnitBackOnce() throws Exception {
        List<String> skus = List.of(newSku(), newSku(), newSku());
        for (String sku : skus) {
            create(api, sku, 100, 30);
        }
        List<UUID> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID order = UUID.randomUUID();
            assertThat(reserve(order, "[{\"sku\":\"" + skus.get(i % 3) + "\",\"qty\":2},{\"sku\":\""
                    + skus.get((i + 1) % 3) + "\",\"qty\":1}]").status()).isEqualTo(201);
            orders.add(order);
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (UUID order : orders) {
            for (int copy = 0; copy < 3; copy++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    statuses.merge(api.post("/internal/v1/reservations/" + order + "/release", SERVICE, "").status(), 1,
                            Integer::sum);
                    return null;
                }));
            }
        }
        for (int i = 0; i < 24; i++) {
            String sku = skus.get(i % 3);
            String order = i % 2 == 0 ? "[{\"sku\":\"" + skus.get(0) + "\",\"qty\":1},{\"sku\":\"" + skus.get(2) + "\",\"qty\":1}]"
                    : "[{\"sku\":\"" + skus.get(2) + "\",\"qty\":1},{\"sku\":\"" + skus.get(1) + "\",\"qty\":1}]";
            futures.add(pool.submit(() -> {
                start.await();
                statuses.merge(reserve(UUID.randomUUID(), order).status(), 1, Integer::sum);
                statuses.merge(api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN,
                        "{\"delta\":-1,\"reason\":\"shrinkage\"}").status(), 1, Integer::sum);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(statuses.keySet()).as(statuses.toString()).isSubsetOf(200, 201, 409);
        long releaseMovements = jdbc.sql("SELECT count(*) FROM stock_movements WHERE kind = 'RELEASE' AND order_id IN (:ids)")
                .param("ids", orders).query(Long.class).single();
        assertThat(releaseMovements).as("each reserved line is given back exactly once").isEqualTo(24);
        for (String sku : skus) {
            assertStockConserved(sku);
        }
    }

    @Test
    void concurrentWithdrawalsTakeStockExactlyToZeroAndNoFurther() throws Exception {
        String sku = newSku();
        create(api, sku, 100, 10);
        ExecutorService pool = Executors.newFixedThreadPool(25);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return api.post("/api/v1/inventory/items/" + sku + "/adjustments", ADMIN,
                        "{\"delta\":-1,\"reason\":\"sold at the counter\"}").status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses.stream().filter(s -> s == 200)).hasSize(10);
        assertThat(statuses.stream().filter(s -> s == 409)).hasSize(15);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isZero();
        assertStockConserved(sku);
    }

    void assertStockConserved(String sku) {
        var row = jdbc.sql("""
                SELECT i.initial_stock, i.available, i.reserved,
                       COALESCE((SELECT sum(delta) FROM stock_movements m WHERE m.sku = i.sku), 0) AS all_deltas,
                       COALESCE((SELECT sum(delta) FROM stock_movements m WHERE m.sku = i.sku AND kind = 'ADJUSTMENT'), 0) AS adjustments,
                       COALESCE((SELECT sum(l.qty) FROM reservation_lines l JOIN reservations r USING (order_id)
                                 WHERE l.sku = i.sku AND r.status = 'ACTIVE'), 0) AS held
                FROM items i WHERE sku = :sku""").param("sku", sku).query().singleRow();
        long initial = ((Number) row.get("initial_stock")).longValue();
        long available = ((Number) row.get("available")).longValue();
        long reserved = ((Number) row.get("reserved")).longValue();
        long held = ((Number) row.get("held")).longValue();
        assertThat(available).isGreaterThanOrEqualTo(0);
        assertThat(reserved).as("reserved = units of active reservations").isEqualTo(held);
        assertThat(initial + ((Number) row.get("all_deltas")).longValue()).isEqualTo(available);
        assertThat(initial + ((Number) row.get("adjustments")).longValue()).isEqualTo(available + held);
    }

    @Test
    void aReservationReturnsPricesAndNamesAndReplayingItReturnsTheSameOne() {
        String a = newSku();
        String b = newSku();
        create(api, a, 1000, 5);
        create(api, b, 250, 5);
        UUID order = UUID.randomUUID();
        String lines = "[{\"sku\":\"" + b + "\",\"qty\":2},{\"sku\":\"" + a + "\",\"qty\":1}]";

        var first = reserve(order, lines);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(first.json().get("lines").findValuesAsString("sku")).containsExactlyInAnyOrder(a, b);
        JsonNode lineA = first.json().get("lines").get(a.compareTo(b) < 0 ? 0 : 1);
        assertThat(lineA.get("unitPriceCents").asLong()).isEqualTo(1000);
        assertThat(lineA.get("name").asString()).isEqualTo("Thing " + a);

        // a price change later does not change what was reserved
        api.patch("/api/v1/inventory/items/" + a, ADMIN, "{\"priceCents\":9999}");
        var replay = reserve(order, "[{\"sku\":\"" + a + "\",\"qty\":1},{\"sku\":\"" + b + "\",\"qty\":2}]");
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json()).isEqualTo(first.json());
        assertThat(api.get("/api/v1/inventory/items/" + b, USER).json().get("available").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/inventory/items/" + b, USER).json().get("reserved").asInt()).isEqualTo(2);
        assertThat(api.get("/internal/v1/reservations/" + order, SERVICE).json()).isEqualTo(first.json());
    }

    @Test
    void aDifferentBodyForAKnownOrderIsAConflictAndHoldsNothingMore() {
        String sku = newSku();
        create(api, sku, 100, 10);
        UUID order = UUID.randomUUID();
        assertThat(reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":1}]").status()).isEqualTo(201);

        assertProblem(reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":5}]"), 409);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(9);
    }

    @Test
    void insufficientStockNamesTheShortSkuAndReservesNoLine() {
        String plenty = newSku();
        String scarce = newSku();
        create(api, plenty, 100, 10);
        create(api, scarce, 100, 1);

        var refused = reserve(UUID.randomUUID(),
                "[{\"sku\":\"" + plenty + "\",\"qty\":3},{\"sku\":\"" + scarce + "\",\"qty\":2}]");

        assertProblem(refused, 409);
        assertThat(refused.json().get("sku").asString()).isEqualTo(scarce);
        assertThat(refused.json().get("available").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/inventory/items/" + plenty, USER).json().get("available").asInt()).isEqualTo(10);
        assertStockConserved(plenty);
    }

    @Test
    void releasingGivesTheUnitsBackOnceAndIsIdempotent() {
        String sku = newSku();
        create(api, sku, 100, 10);
        UUID order = UUID.randomUUID();
        reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":4}]");

        var released = api.post("/internal/v1/reservations/" + order + "/release", SERVICE, "");
        assertThat(released.status()).isEqualTo(200);
        assertThat(released.json().get("status").asString()).isEqualTo("RELEASED");
        assertThat(api.post("/internal/v1/reservations/" + order + "/release", SERVICE, "").status()).isEqualTo(200);

        JsonNode item = api.get("/api/v1/inventory/items/" + sku, USER).json();
        assertThat(item.get("available").asInt()).isEqualTo(10);
        assertThat(item.get("reserved").asInt()).isZero();
        assertStockConserved(sku);
        JsonNode ledger = api.get("/api/v1/inventory/items/" + sku + "/movements", ADMIN).json().get("content");
        assertThat(ledger.findValuesAsString("kind")).containsExactly("RELEASE", "RESERVATION");
    }

    @Test
    void aReleaseBeforeTheReserveLeavesATombstoneThatRefusesTheLateReserve() {
        String sku = newSku();
        create(api, sku, 100, 10);
        UUID order = UUID.randomUUID();

        assertThat(api.post("/internal/v1/reservations/" + order + "/release", SERVICE, "").status()).isEqualTo(200);
        var late = reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":4}]");

        assertProblem(late, 409);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(10);
    }

    @Test
    void concurrentIdenticalReservationsCreateExactlyOne() throws Exception {
        String sku = newSku();
        create(api, sku, 100, 100);
        UUID order = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":3}]").status();
            }));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : results) {
            statuses.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 201);
        assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(97);
    }

    @Test
    void onlyServiceTokensWithTheReserveScopeReachTheInternalApi() {
        String sku = newSku();
        create(api, sku, 100, 10);
        String body = "{\"orderId\":\"" + UUID.randomUUID() + "\",\"lines\":[{\"sku\":\"" + sku + "\",\"qty\":1}]}";

        assertThat(api.post("/internal/v1/reservations", USER, body).status()).isEqualTo(403);
        assertThat(api.post("/internal/v1/reservations", ADMIN, body).status()).isEqualTo(403);
        assertThat(api.post("/internal/v1/reservations", TestTokens.service("orders-service", "users:read"), body).status())
                .isEqualTo(403);
        assertThat(api.post("/internal/v1/reservations", null, body).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(10);
    }

    @Test
    void malformedReservationsGetProblemDetails() {
        String sku = newSku();
        create(api, sku, 100, 10);
        UUID order = UUID.randomUUID();
        assertProblem(reserve(order, "[]"), 422);
        assertProblem(reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":0}]"), 422);
        assertProblem(reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":1001}]"), 422);
        assertProblem(reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":1},{\"sku\":\"" + sku + "\",\"qty\":2}]"), 422);
        assertProblem(reserve(order, "[{\"sku\":\"NO-SUCH-SKU\",\"qty\":1}]"), 422);
        assertProblem(api.post("/internal/v1/reservations", SERVICE, "{\"orderId\":\"not-a-uuid\",\"lines\":[]}"), 400);
        assertProblem(api.get("/internal/v1/reservations/not-a-uuid", SERVICE), 400);
        assertProblem(api.get("/internal/v1/reservations/" + UUID.randomUUID(), SERVICE), 404);
        assertThat(api.get("/api/v1/inventory/items/" + sku, USER).json().get("available").asInt()).isEqualTo(10);
        // none of the refused requests left a reservation behind, so the orderId is still free
        assertThat(reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":1}]").status()).isEqualTo(201);
    }

    @Test
    void anItemWithReservedStockCannotBeArchived() {
        String sku = newSku();
        create(api, sku, 100, 10);
        UUID order = UUID.randomUUID();
        reserve(order, "[{\"sku\":\"" + sku + "\",\"qty\":1}]");

        assertProblem(api.delete("/api/v1/inventory/items/" + sku, ADMIN), 409);
        api.post("/internal/v1/reservations/" + order + "/release", SERVICE, "");
        assertThat(api.delete("/api/v1/inventory/items/" + sku, ADMIN).status()).isEqualTo(204);
        assertProblem(reserve(UUID.randomUUID(), "[{\"sku\":\"" + sku + "\",\"qty\":1}]"), 422);
    }
}
