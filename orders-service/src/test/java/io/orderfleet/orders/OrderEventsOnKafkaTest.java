package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderfleet.common.test.FleetKafka;
import io.orderfleet.common.test.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The outbox relay puts every order change on {@value FleetKafka#ORDERS_TOPIC} in the contract's
 * CloudEvents envelope (docs/events.md), keyed by order id, in order per order, and loses nothing while
 * the broker is away.
 */
class OrderEventsOnKafkaTest extends OrdersTestBase {

    static final String TYPE = "io.orderfleet.order.";

    @Autowired
    MeterRegistry meters;

    @Test
    void placingConfirmingAndCancellingPutsEachChangeOnTheTopicInOrderKeyedByOrderInTheEnvelope() {
        String sku = newSku();
        PEERS.addItem(sku, "Teapot", 1999, 3);
        String token = TestTokens.user(8101);
        String trace = UUID.randomUUID().toString().replace("-", "");

        var placed = api.send("POST", "/api/v1/orders", token, "{\"items\":[{\"sku\":\"" + sku + "\",\"qty\":2}]}",
                "traceparent", "00-" + trace + "-00f067aa0ba902b7-01");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        String cancelledId = placed.json().get("id").asString();
        assertThat(api.post("/api/v1/orders/" + cancelledId + "/cancel", token, "").status()).isEqualTo(200);
        var rejected = order(token, null, "[{\"sku\":\"" + sku + "\",\"qty\":9}]");
        assertThat(rejected.status()).isEqualTo(409);
        String rejectedId = rejected.json().get("orderId").asString();

        Map<String, List<ConsumerRecord<String, String>>> byOrder = eventsOf(Set.of(cancelledId, rejectedId), 5);

        List<ConsumerRecord<String, String>> cancelled = byOrder.get(cancelledId);
        assertThat(types(cancelled)).containsExactly(TYPE + "created.v1", TYPE + "confirmed.v1", TYPE + "cancelled.v1");
        assertThat(types(byOrder.get(rejectedId))).containsExactly(TYPE + "created.v1", TYPE + "rejected.v1");
        assertThat(cancelled).allSatisfy(r -> assertThat(r.key()).isEqualTo(cancelledId));
        assertThat(cancelled).extracting(ConsumerRecord::partition).as("one order, one partition").containsOnly(
                cancelled.getFirst().partition());

        JsonNode confirmed = json(cancelled.get(1));
        assertThat(confirmed.get("specversion").asString()).isEqualTo("1.0");
        assertThat(confirmed.get("source").asString()).isEqualTo("/orderfleet/orders-service");
        assertThat(confirmed.get("subject").asString()).isEqualTo(cancelledId);
        assertThat(confirmed.get("datacontenttype").asString()).isEqualTo("application/json");
        UUID eventId = UUID.fromString(confirmed.get("id").asString());
        assertThat(jdbc.sql("SELECT order_id FROM outbox_events WHERE id = :id").param("id", eventId)
                .query(UUID.class).single()).as("the envelope id is the outbox event's").hasToString(cancelledId);
        assertThat(Instant.parse(confirmed.get("time").asString())).isBefore(Instant.now());
        JsonNode data = confirmed.get("data");
        assertThat(data.get("id").asString()).isEqualTo(cancelledId);
        assertThat(data.get("userId").asLong()).isEqualTo(8101);
        assertThat(data.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(data.get("totalCents").asLong()).isEqualTo(3998);
        JsonNode line = data.get("items").get(0);
        assertThat(line.get("sku").asString()).isEqualTo(sku);
        assertThat(line.get("qty").asInt()).isEqualTo(2);
        assertThat(line.get("unitPriceCents").asLong()).isEqualTo(1999);
        assertThat(line.get("lineTotalCents").asLong()).isEqualTo(3998);
        assertThat(data.has("createdAt") && data.has("updatedAt")).isTrue();
        assertThat(json(cancelled.get(2)).get("data").get("status").asString()).isEqualTo("CANCELLED");

        assertThat(traceparent(cancelled.get(0))).as("the order's trace travels with its event")
                .matches("00-" + trace + "-[0-9a-f]{16}-01");
        assertThat(traceparent(cancelled.get(2))).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertThat(unpublished(cancelledId) + unpublished(rejectedId)).isZero();
    }

    @Test
    void ordersPlacedWhileTheBrokerIsDownAreAllPublishedInOrderOnceItIsBack() {
        String sku = newSku();
        PEERS.addItem(sku, "Umbrella", 1500, 10);
        String token = TestTokens.user(8102);
        FleetKafka kafka = FleetKafka.get();
        List<String> ids = new ArrayList<>();
        try {
            kafka.stop();

            for (int i = 0; i < 3; i++) {
                var placed = order(token, null, "[{\"sku\":\"" + sku + "\",\"qty\":1}]");
                assertThat(placed.status()).as("orders are still placed: " + placed.body()).isEqualTo(201);
                ids.add(placed.json().get("id").asString());
            }
            assertThat(api.post("/api/v1/orders/" + ids.getFirst() + "/cancel", token, "").status()).isEqualTo(200);

            long waiting = ids.stream().mapToLong(this::unpublished).sum();
            assertThat(waiting).as("every change waits in the outbox").isEqualTo(7);
            assertThat(meters.get("orderfleet.events.outbox.lag").gauge().value()).isGreaterThanOrEqualTo(7);
        } finally {
            kafka.start();
        }

        Map<String, List<ConsumerRecord<String, String>>> byOrder = eventsOf(Set.copyOf(ids), 7);
        assertThat(types(byOrder.get(ids.get(0)))).containsExactly(TYPE + "created.v1", TYPE + "confirmed.v1",
                TYPE + "cancelled.v1");
        assertThat(types(byOrder.get(ids.get(1)))).containsExactly(TYPE + "created.v1", TYPE + "confirmed.v1");
        assertThat(types(byOrder.get(ids.get(2)))).containsExactly(TYPE + "created.v1", TYPE + "confirmed.v1");
        eventually("the relay marked everything published", () -> ids.stream().mapToLong(this::unpublished).sum() == 0);
        eventually("the outbox lag is back to zero", () -> meters.get("orderfleet.events.outbox.lag").gauge().value() == 0);
    }

    @Test
    void anOutboxRowNoEnvelopeCanBeMadeOfIsSkippedAndHoldsNothingBack() {
        String sku = newSku();
        PEERS.addItem(sku, "Kite", 900, 5);
        String token = TestTokens.user(8103);
        var first = order(token, null, "[{\"sku\":\"" + sku + "\",\"qty\":1}]");
        assertThat(first.status()).isEqualTo(201);
        UUID broken = UUID.randomUUID();
        jdbc.sql("INSERT INTO outbox_events (id, type, order_id, body) VALUES (:id, 'order.status_changed', :order, '{}')")
                .param("id", broken).param("order", UUID.fromString(first.json().get("id").asString())).update();
        double skippedBefore = meters.get("orderfleet.events.skipped").counter().count();

        var second = order(token, null, "[{\"sku\":\"" + sku + "\",\"qty\":1}]");
        assertThat(second.status()).isEqualTo(201);

        String secondId = second.json().get("id").asString();
        assertThat(types(eventsOf(Set.of(secondId), 2).get(secondId))).containsExactly(TYPE + "created.v1",
                TYPE + "confirmed.v1");
        eventually("the broken row is marked done", () -> jdbc.sql(
                "SELECT published_at IS NOT NULL FROM outbox_events WHERE id = :id").param("id", broken)
                .query(Boolean.class).single());
        assertThat(meters.get("orderfleet.events.skipped").counter().count()).isGreaterThan(skippedBefore);
        assertThat(FleetKafka.get().read(FleetKafka.ORDERS_TOPIC, Duration.ofSeconds(5), read -> false))
                .as("nothing was published for the broken row")
                .noneMatch(r -> r.value().contains(broken.toString()));
    }

    /**
     * Reads the topic until {@code expected} distinct events of {@code orders} are there, and returns
     * each order's records in topic order, a redelivered event (same envelope id) counted once.
     */
    Map<String, List<ConsumerRecord<String, String>>> eventsOf(Set<String> orders, int expected) {
        var records = FleetKafka.get().read(FleetKafka.ORDERS_TOPIC, Duration.ofSeconds(60),
                read -> distinct(read, orders).values().stream().mapToInt(List::size).sum() >= expected);
        var byOrder = distinct(records, orders);
        assertThat(byOrder.values().stream().mapToInt(List::size).sum()).as("events on the topic").isEqualTo(expected);
        return byOrder;
    }

    static Map<String, List<ConsumerRecord<String, String>>> distinct(List<ConsumerRecord<String, String>> records,
            Set<String> orders) {
        Map<String, List<ConsumerRecord<String, String>>> byOrder = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (var record : records) {
            if (orders.contains(record.key()) && seen.add(json(record).get("id").asString())) {
                byOrder.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
            }
        }
        return byOrder;
    }

    static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> json(r).get("type").asString()).toList();
    }

    static JsonNode json(ConsumerRecord<String, String> record) {
        return io.orderfleet.common.test.ApiClient.JSON.readTree(record.value());
    }

    static String traceparent(ConsumerRecord<String, String> record) {
        var header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }

    long unpublished(String orderId) {
        return jdbc.sql("SELECT count(*) FROM outbox_events WHERE order_id = :id AND published_at IS NULL")
                .param("id", UUID.fromString(orderId)).query(Long.class).single();
    }
}
