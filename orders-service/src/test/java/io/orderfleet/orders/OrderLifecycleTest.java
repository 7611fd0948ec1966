package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.TestTokens;
import io.orderfleet.orders.clients.InventoryClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class OrderLifecycleTest extends OrdersTestBase {

    static final String ADMIN = TestTokens.admin(1);

    boolean releasePending(String id) {
        return jdbc.sql("SELECT release_pending FROM orders WHERE id = :id").param("id", UUID.fromString(id))
                .query(Boolean.class).single();
    }

    void requestedLine(UUID orderId, String sku, int qty) {
        jdbc.sql("INSERT INTO order_items (order_id, sku, qty) VALUES (:id, :sku, :qty)").param("id", orderId)
                .param("sku", sku).param("qty", qty).update();
    }

    String confirmedOrder(String token, String sku, int qty) {
        var placed = order(token, null, "[{\"sku\":\"" + sku + "\",\"qty\":" + qty + "}]");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("id").asString();
    }

    @Test
    void cancellingReleasesTheStockAndRecordsWhoDidIt() {
        String sku = newSku();
        PEERS.addItem(sku, "Lamp", 2500, 5);
        String token = TestTokens.user(201);
        String id = confirmedOrder(token, sku, 3);
        assertThat(PEERS.stock.get(sku)).isEqualTo(2);

        var cancelled = api.post("/api/v1/orders/" + id + "/cancel", token, "{\"reason\":\"changed my mind\"}");

        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        eventually("the stock is released", () -> PEERS.stock.get(sku) == 5);
        assertThat(PEERS.heldFor(UUID.fromString(id))).isZero();
        JsonNode last = api.get("/api/v1/orders/" + id + "/events", token).json().get(2);
        assertThat(last.get("type").asString()).isEqualTo("CANCELLED");
        assertThat(last.get("actorId").asString()).isEqualTo("201");
        assertThat(last.get("description").asString()).contains("changed my mind");
        assertProblem(api.post("/api/v1/orders/" + id + "/cancel", token, ""), 409);
    }

    @Test
    void aReleaseThatFailsIsRetriedUntilInventoryAcknowledgesIt() {
        String sku = newSku();
        PEERS.addItem(sku, "Kettle", 3000, 5);
        String token = TestTokens.user(209);
        String id = confirmedOrder(token, sku, 2);
        PEERS.inventoryDown = true;
        int droppedBefore = PEERS.droppedInventoryCalls.get();

        var cancelled = api.post("/api/v1/orders/" + id + "/cancel", token, "");

        assertThat(cancelled.status()).as("cancelling does not wait for inventory").isEqualTo(200);
        eventually("the release worker has tried twice", () -> PEERS.droppedInventoryCalls.get() >= droppedBefore + 2);
        assertThat(PEERS.stock.get(sku)).isEqualTo(3);
        assertThat(releasePending(id)).isTrue();

        PEERS.inventoryDown = false;
        // the failures may have opened the breaker (60 s in tests); in production it half-opens after 10 s
        resilience.reset(InventoryClient.PEER);
        eventually("the release is acknowledged", () -> PEERS.stock.get(sku) == 5 && !releasePending(id));
        assertThat(PEERS.reservations.get(UUID.fromString(id)).status()).isEqualTo("RELEASED");
    }

    @Test
    void everyChangePublishesOrderChangedInsideItsTransactionWithTheOrderAsItIsThen(
            @Autowired OrderChangedRecorder recorder) {
        String sku = newSku();
        PEERS.addItem(sku, "Vase", 1234, 5);
        String token = TestTokens.user(210);
        String id = confirmedOrder(token, sku, 1);
        api.post("/api/v1/orders/" + id + "/cancel", token, "");

        var seen = recorder.of(UUID.fromString(id));

        assertThat(seen).extracting(s -> s.event().type())
                .containsExactly("order.created", "order.status_changed", "order.cancelled");
        assertThat(seen).allMatch(OrderChangedRecorder.Seen::inTransaction);
        assertThat(seen).allMatch(s -> s.event().userId() == 210);
        assertThat(seen).extracting(s -> s.event().order().status()).containsExactly("PENDING", "CONFIRMED", "CANCELLED");
        assertThat(seen.get(1).event().order().totalCents()).isEqualTo(1234);
        assertThat(api.get("/api/v1/orders/" + id + "/events", token).json()).hasSize(3);
    }

    @Test
    void theStatusMachineRefusesIllegalTransitions() {
        String sku = newSku();
        PEERS.addItem(sku, "Desk", 10000, 5);
        String token = TestTokens.user(202);
        String id = confirmedOrder(token, sku, 1);

        assertProblem(api.post("/api/v1/orders/" + id + "/status", ADMIN, "{\"status\":\"DELIVERED\"}"), 409);
        assertProblem(api.post("/api/v1/orders/" + id + "/status", ADMIN, "{\"status\":\"PENDING\"}"), 409);
        assertThat(api.post("/api/v1/orders/" + id + "/status", ADMIN, "{\"status\":\"SHIPPED\"}").json()
                .get("status").asString()).isEqualTo("SHIPPED");
        assertProblem(api.post("/api/v1/orders/" + id + "/cancel", token, ""), 409);
        assertThat(api.post("/api/v1/orders/" + id + "/status", ADMIN, "{\"status\":\"DELIVERED\"}").status()).isEqualTo(200);
        assertProblem(api.post("/api/v1/orders/" + id + "/cancel", ADMIN, ""), 409);
        assertProblem(api.post("/api/v1/orders/" + id + "/status", ADMIN, "{\"status\":\"LOST\"}"), 422);
        assertThat(api.post("/api/v1/orders/" + id + "/status", token, "{\"status\":\"SHIPPED\"}").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/orders/" + id, token).json().get("status").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void anAdminMayCancelAPendingOrderButOnlyItsPlacementConfirmsOrRejectsIt() {
        String sku = newSku();
        PEERS.addItem(sku, "Clock", 900, 10);
        UUID id = UUID.randomUUID();
        // a placement in flight: inventory already holds 2 units, and a lease keeps the reconciler away
        jdbc.sql("INSERT INTO orders (id, user_id, status, lease_until) VALUES (:id, 211, 'PENDING', now() + interval '1 hour')")
                .param("id", id).update();
        requestedLine(id, sku, 2);
        PEERS.reservations.put(id, new StubPeers.Held("ACTIVE", java.util.Map.of(sku, 2)));
        PEERS.stock.merge(sku, -2, Integer::sum);

        assertProblem(api.post("/api/v1/orders/" + id + "/status", ADMIN, "{\"status\":\"CONFIRMED\"}"), 409);
        assertProblem(api.post("/api/v1/orders/" + id + "/status", ADMIN, "{\"status\":\"REJECTED\"}"), 409);
        assertThat(api.get("/api/v1/orders/" + id, ADMIN).json().get("status").asString()).isEqualTo("PENDING");
        assertThat(PEERS.heldFor(id)).isEqualTo(2);

        var cancelled = api.post("/api/v1/orders/" + id + "/status", ADMIN, "{\"status\":\"CANCELLED\"}");

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("status").asString()).isEqualTo("CANCELLED");
        eventually("the held stock is released", () -> PEERS.stock.get(sku) == 10 && !releasePending(id.toString()));
        assertThat(PEERS.reservations.get(id).status()).isEqualTo("RELEASED");
    }

    @Test
    void anotherUsersOrderIsNotFoundButAnAdminSeesIt() {
        String sku = newSku();
        PEERS.addItem(sku, "Chair", 5000, 5);
        String id = confirmedOrder(TestTokens.user(203), sku, 1);
        String stranger = TestTokens.user(204);

        assertProblem(api.get("/api/v1/orders/" + id, stranger), 404);
        assertProblem(api.get("/api/v1/orders/" + id + "/events", stranger), 404);
        assertProblem(api.post("/api/v1/orders/" + id + "/cancel", stranger, ""), 404);
        assertThat(api.get("/api/v1/orders/" + id, ADMIN).status()).isEqualTo(200);
        assertProblem(api.get("/api/v1/orders/" + UUID.randomUUID(), stranger), 404);
        assertProblem(api.get("/api/v1/orders/not-a-uuid", stranger), 400);
        assertThat(PEERS.stock.get(sku)).isEqualTo(4);
    }

    @Test
    void usersListTheirOwnOrdersAndAdminsFilterAll() {
        String sku = newSku();
        PEERS.addItem(sku, "Pen", 100, 50);
        String mine = TestTokens.user(205);
        confirmedOrder(mine, sku, 1);
        confirmedOrder(mine, sku, 2);
        confirmedOrder(TestTokens.user(206), sku, 3);

        JsonNode page = api.get("/api/v1/orders?size=10&sort=createdAt,desc&userId=206", mine).json();
        assertThat(page.get("content")).hasSize(2);
        assertThat(page.get("content").findValuesAsString("userId")).containsOnly("205");
        assertThat(api.get("/api/v1/orders?userId=206&status=CONFIRMED", ADMIN).json().get("page").get("totalElements")
                .asLong()).isEqualTo(1);
        assertProblem(api.get("/api/v1/orders?status=LOST", mine), 400);
        assertProblem(api.get("/api/v1/orders?size=500", mine), 400);
        assertProblem(api.get("/api/v1/orders?from=yesterday", mine), 400);
        assertThat(api.get("/api/v1/orders?from=2020-01-01&to=2100-01-01T00:00:00Z", mine).json().get("content")).hasSize(2);
    }

    @Test
    void statsCountOrdersRevenueAndStatuses() {
        String sku = newSku();
        PEERS.addItem(sku, "Cup", 700, 50);
        String token = TestTokens.user(207);
        confirmedOrder(token, sku, 2);

        JsonNode mine = api.get("/api/v1/orders/stats?days=7", token).json();
        assertThat(mine.get("totalOrders").asLong()).isEqualTo(1);
        assertThat(mine.get("revenueCents").asLong()).isEqualTo(1400);
        assertThat(mine.get("byStatus").get("CONFIRMED").asLong()).isEqualTo(1);
        assertThat(mine.get("perDay")).hasSize(7);
        assertThat(mine.get("perDay").get(6).get("orders").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/orders/stats", ADMIN).json().get("totalOrders").asLong()).isGreaterThanOrEqualTo(1);
        assertProblem(api.get("/api/v1/orders/stats?days=0", token), 400);
    }

    @Test
    void anOrderLeftPendingByACrashIsFinishedByReconciliation() {
        String sku = newSku();
        PEERS.addItem(sku, "Crash", 100, 10);
        UUID withReservation = UUID.randomUUID();
        UUID withoutReservation = UUID.randomUUID();
        // inventory holds the reservation before the order row exists: the reconciler may run at any moment
        PEERS.reservations.put(withReservation, new StubPeers.Held("ACTIVE", java.util.Map.of(sku, 2)));
        PEERS.stock.merge(sku, -2, Integer::sum);
        // as if the process died between persisting PENDING and hearing inventory's answer
        for (UUID id : new UUID[] {withReservation, withoutReservation}) {
            jdbc.sql("INSERT INTO orders (id, user_id, status, created_at) VALUES (:id, 208, 'PENDING', now() - interval '1 minute')")
                    .param("id", id).update();
            requestedLine(id, sku, 2);
        }

        eventually("both orders are settled", () -> jdbc.sql("SELECT count(*) FROM orders WHERE user_id = 208 AND status = 'PENDING'")
                .query(Long.class).single() == 0);

        String token = TestTokens.user(208);
        assertThat(api.get("/api/v1/orders/" + withReservation, token).json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(api.get("/api/v1/orders/" + withoutReservation, token).json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(PEERS.reservations.get(withoutReservation).status()).as("tombstoned").isEqualTo("RELEASED");
        assertThat(PEERS.stock.get(sku)).isEqualTo(8);
    }

    @Test
    void healthMetricsAndApiDocsAreServed() {
        assertThat(api.get("/actuator/health/readiness", null).json().get("status").asString()).isEqualTo("UP");
        String metrics = api.get("/actuator/prometheus", null).body();
        assertThat(metrics).contains("orders_placed_total").contains("resilience4j_circuitbreaker_state");
        assertThat(api.get("/v3/api-docs", null).json().get("paths").has("/api/v1/orders")).isTrue();
    }
}
