package io.orderfleet.inventory.sales;

import static io.orderfleet.common.events.OrderEvent.CANCELLED;
import static io.orderfleet.common.events.OrderEvent.CONFIRMED;
import static io.orderfleet.common.events.OrderEvent.CREATED;
import static io.orderfleet.common.events.OrderEvent.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderfleet.common.events.OnePoll;
import io.orderfleet.common.events.OrderEvents;
import io.orderfleet.common.events.OrderEvents.Line;
import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetInfrastructure;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.FleetKafka;
import io.orderfleet.common.test.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The consumer against a real broker (common-lib's FleetKafka, a KRaft broker from Kafka's own server
 * jar) and the real
 * PostgreSQL: envelopes published here as orders-service publishes them, the projection and the
 * forecast read back through the API and the database.
 */
@FleetIntegrationTest
class OrderEventsConsumerTest {

    static final String TOPIC = "orderfleet.orders.v1";
    static final String ADMIN = TestTokens.admin(1);
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        // the JVM's shared test broker (common-lib's FleetKafka): this context alone gets it
        registry.add("spring.kafka.bootstrap-servers", () -> FleetKafka.get().bootstrapServers());
        registry.add("logging.level.kafka", () -> "warn");
        registry.add("logging.level.org.apache.kafka", () -> "warn");
    }

    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @LocalServerPort
    int port;
    ApiClient api;
    KafkaProducer<String, byte[]> producer;
    final Instant now = Instant.now();

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, FleetKafka.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    String newItem(int available) {
        return newItem("F-", available);
    }

    String newItem(String prefix, int available) {
        String sku = prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.sql("INSERT INTO items (sku, name, price_cents, available, initial_stock) VALUES (:sku, 'x', 100, :n, :n)")
                .param("sku", sku).param("n", available).update();
        return sku;
    }

    /** Publishes one event of an order (keyed by the order id, as the publisher does) and returns its id. */
    UUID publish(String type, UUID orderId, String status, Line... lines) {
        UUID eventId = UUID.randomUUID();
        send(orderId.toString(), OrderEvents.envelope(eventId, type, orderId, 7, status, now, lines));
        return eventId;
    }

    void send(String key, String value) {
        send(key, value.getBytes(StandardCharsets.UTF_8));
    }

    void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("could not publish", e);
        }
    }

    /** Waits until the consumer committed the event's projection. */
    void awaitProcessed(UUID eventId) {
        await().atMost(PATIENCE).until(() -> processed(eventId));
    }

    boolean processed(UUID eventId) {
        return jdbc.sql("SELECT count(*) FROM processed_order_events WHERE event_id = :id").param("id", eventId)
                .query(Long.class).single() == 1;
    }

    JsonNode forecast(String sku, int windowDays) {
        var response = api.get("/api/v1/inventory/items/" + sku + "/forecast?windowDays=" + windowDays, ADMIN);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void confirmedOrdersCountAsSalesAndTheForecastSaysWhenTheSkuRunsOut() {
        String sku = newItem(40);
        String other = newItem(40);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        publish(CREATED, first, "PENDING", new Line(sku, 7, 100), new Line(other, 1, 100));
        publish(CONFIRMED, first, "CONFIRMED", new Line(sku, 7, 100), new Line(other, 1, 100));
        publish(CREATED, second, "PENDING", new Line(sku, 3, 100));
        UUID last = publish(CONFIRMED, second, "CONFIRMED", new Line(sku, 3, 100));
        awaitProcessed(last);

        JsonNode twoWeeks = forecast(sku, 14);
        assertThat(twoWeeks.get("sku").asString()).isEqualTo(sku);
        assertThat(twoWeeks.get("available").asInt()).isEqualTo(40);
        assertThat(twoWeeks.get("windowDays").asInt()).isEqualTo(14);
        assertThat(twoWeeks.get("unitsSold").asLong()).isEqualTo(10);
        assertThat(twoWeeks.get("unitsSoldPerDay").asDouble()).isEqualTo(0.71);
        assertThat(twoWeeks.get("daysUntilOut").asLong()).as("40 units at 10 per 14 days").isEqualTo(56);
        assertThat(twoWeeks.get("salesPerDay").get(0).get("date").asString())
                .isEqualTo(LocalDate.ofInstant(now, ZoneOffset.UTC).toString());
        assertThat(twoWeeks.get("salesPerDay").get(0).get("units").asLong()).isEqualTo(10);
        JsonNode oneDay = forecast(sku, 1);
        assertThat(oneDay.get("unitsSoldPerDay").asDouble()).isEqualTo(10.0);
        assertThat(oneDay.get("daysUntilOut").asLong()).isEqualTo(4);
        assertThat(forecast(other, 14).get("unitsSold").asLong()).isEqualTo(1);
        assertThat(forecast(newItem(5), 14).get("daysUntilOut").isNull()).as("nothing sold: no estimate").isTrue();
    }

    @Test
    void aCancellationTakesBackTheUnitsOfAConfirmedOrderAndRejectedOrUnconfirmedOrdersNeverCount() {
        String sku = newItem(10);
        UUID kept = UUID.randomUUID();
        UUID cancelledAfterConfirm = UUID.randomUUID();
        UUID cancelledWhilePending = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        UUID keptConfirmation = publish(CONFIRMED, kept, "CONFIRMED", new Line(sku, 2, 100));
        publish(CONFIRMED, cancelledAfterConfirm, "CONFIRMED", new Line(sku, 5, 100));
        UUID cancelled = publish(CANCELLED, cancelledAfterConfirm, "CANCELLED", new Line(sku, 5, 100));
        publish(CREATED, cancelledWhilePending, "PENDING", new Line(sku, 4, 100));
        UUID cancelledPending = publish(CANCELLED, cancelledWhilePending, "CANCELLED", new Line(sku, 4, 100));
        UUID rejection = publish(REJECTED, rejected, "REJECTED", new Line(sku, 9, 100));
        List.of(keptConfirmation, cancelled, cancelledPending, rejection).forEach(this::awaitProcessed);

        JsonNode forecast = forecast(sku, 14);

        assertThat(forecast.get("unitsSold").asLong()).isEqualTo(2);
        assertThat(forecast.get("daysUntilOut").asLong()).as("10 units at 2 per 14 days").isEqualTo(70);
        assertThat(jdbc.sql("SELECT count(*) FROM order_sales WHERE order_id = :id AND cancelled_on IS NOT NULL")
                .param("id", cancelledAfterConfirm).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM order_sales WHERE order_id IN (:ids)")
                .param("ids", List.of(cancelledWhilePending, rejected)).query(Long.class).single()).isZero();
    }

    @Test
    void redeliveredEventsChangeNothing() {
        String sku = newItem(100);
        UUID order = UUID.randomUUID();
        UUID cancelledOrder = UUID.randomUUID();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<String> envelopes = List.of(
                OrderEvents.envelope(ids.get(0), CONFIRMED, order, 7, "CONFIRMED", now, new Line(sku, 6, 100)),
                OrderEvents.envelope(ids.get(1), CONFIRMED, cancelledOrder, 7, "CONFIRMED", now, new Line(sku, 4, 100)),
                OrderEvents.envelope(ids.get(2), CANCELLED, cancelledOrder, 7, "CANCELLED", now, new Line(sku, 4, 100)));
        envelopes.forEach(e -> send(keyOf(e), e));
        ids.forEach(this::awaitProcessed);
        assertThat(forecast(sku, 14).get("unitsSold").asLong()).isEqualTo(6);
        double duplicatesBefore = consumed("confirmed", "duplicate") + consumed("cancelled", "duplicate");

        envelopes.forEach(e -> send(keyOf(e), e));
        // one more event per order: once it is processed, the copies before it in its partition were too
        awaitProcessed(publish(CREATED, order, "PENDING", new Line(sku, 1, 100)));
        awaitProcessed(publish(CREATED, cancelledOrder, "PENDING", new Line(sku, 1, 100)));

        assertThat(forecast(sku, 14).get("unitsSold").asLong()).isEqualTo(6);
        assertThat(jdbc.sql("SELECT count(*) FROM order_sales WHERE sku = :sku").param("sku", sku).query(Long.class)
                .single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM processed_order_events WHERE event_id IN (:ids)").param("ids", ids)
                .query(Long.class).single()).isEqualTo(3);
        // a poll's events are counted once its transaction committed, just after its rows became visible
        await().atMost(PATIENCE).until(() -> consumed("confirmed", "duplicate") + consumed("cancelled", "duplicate")
                - duplicatesBefore == 3);
    }

    @Test
    void aPollWithCopiesOfAnEventAndSeveralEventsOfOneOrderAppliesEachEventOnce() {
        String sku = newItem(30);
        UUID kept = UUID.randomUUID();
        UUID cancelledOrder = UUID.randomUUID();
        UUID created = UUID.randomUUID();
        UUID confirmed = UUID.randomUUID();
        UUID cancelledConfirmed = UUID.randomUUID();
        UUID cancellation = UUID.randomUUID();
        List<String> poll = List.of(
                OrderEvents.envelope(created, CREATED, kept, 7, "PENDING", now, new Line(sku, 3, 100)),
                OrderEvents.envelope(confirmed, CONFIRMED, kept, 7, "CONFIRMED", now, new Line(sku, 3, 100)),
                OrderEvents.envelope(confirmed, CONFIRMED, kept, 7, "CONFIRMED", now, new Line(sku, 3, 100)),
                OrderEvents.envelope(cancelledConfirmed, CONFIRMED, cancelledOrder, 7, "CONFIRMED", now,
                        new Line(sku, 5, 100)),
                OrderEvents.envelope(cancellation, CANCELLED, cancelledOrder, 7, "CANCELLED", now, new Line(sku, 5, 100)),
                OrderEvents.envelope(cancellation, CANCELLED, cancelledOrder, 7, "CANCELLED", now, new Line(sku, 5, 100)));
        double duplicatesBefore = consumed("confirmed", "duplicate") + consumed("cancelled", "duplicate");
        double appliedBefore = consumed("confirmed", "applied") + consumed("cancelled", "applied");

        OnePoll.deliver(listeners.getListenerContainer("inventory-order-events"), PATIENCE,
                () -> poll.forEach(e -> send(keyOf(e), e)));
        List.of(confirmed, cancellation).forEach(this::awaitProcessed);

        assertThat(forecast(sku, 14).get("unitsSold").asLong()).as("the kept order's 3 units, once").isEqualTo(3);
        assertThat(jdbc.sql("SELECT order_id, qty, cancelled_on IS NOT NULL AS cancelled FROM order_sales WHERE sku = :sku")
                .param("sku", sku).query().listOfRows()).containsExactlyInAnyOrder(
                        Map.of("order_id", kept, "qty", 3, "cancelled", false),
                        Map.of("order_id", cancelledOrder, "qty", 5, "cancelled", true));
        assertThat(jdbc.sql("SELECT count(*) FROM processed_order_events WHERE event_id IN (:ids)")
                .param("ids", List.of(created, confirmed, cancelledConfirmed, cancellation)).query(Long.class).single())
                .isEqualTo(4);
        await().atMost(PATIENCE).until(() -> consumed("confirmed", "applied") + consumed("cancelled", "applied")
                - appliedBefore == 3);
        assertThat(consumed("confirmed", "duplicate") + consumed("cancelled", "duplicate") - duplicatesBefore)
                .isEqualTo(2);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWhileLaterRecordsAreStillProcessed() {
        String sku = newItem(50);
        UUID order = UUID.randomUUID();
        String key = order.toString();
        byte[] garbage = "{\"specversion\":\"1.0\", this is not JSON".getBytes(StandardCharsets.UTF_8);
        String wrongShape = OrderEvents.envelope(UUID.randomUUID(), CONFIRMED, order, 7, "CONFIRMED", now,
                new Line(sku, 1, 100)).replaceAll("\"items\":\\[.*\\],", "");
        send(key, garbage);
        send(key, wrongShape);
        UUID valid = publish(CONFIRMED, order, "CONFIRMED", new Line(sku, 3, 100));

        awaitProcessed(valid);

        assertThat(forecast(sku, 14).get("unitsSold").asLong()).isEqualTo(3);
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLettersWithKey(key, 2);
        assertThat(deadLetters).extracting(r -> new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(new String(garbage, StandardCharsets.UTF_8), wrongShape);
        assertThat(deadLetters).allSatisfy(r -> assertThat(new String(
                r.headers().lastHeader("kafka_dlt-original-consumer-group").value(), StandardCharsets.UTF_8))
                .isEqualTo("inventory-service"));
    }

    @Test
    void whileTheDatabaseIsDownAnEventIsRetriedUntilItIsBackAndNeverDeadLettered() {
        String sku = newItem(20);
        Assumptions.assumeTrue(FleetInfrastructure.get().mode().equals("embedded"), "only embedded PostgreSQL can be stopped");
        double failuresBefore = meterCount("orderfleet.events.failed.deliveries");
        double deadBefore = meterCount("orderfleet.events.dead.lettered");
        UUID eventId;
        FleetInfrastructure.get().stopPostgres();
        try {
            eventId = publish(CONFIRMED, UUID.randomUUID(), "CONFIRMED", new Line(sku, 4, 100));
            // more failed attempts than the bounded retries (4) allow before the dead-letter topic
            await().atMost(PATIENCE).until(() -> meterCount("orderfleet.events.failed.deliveries") - failuresBefore >= 6);
        } finally {
            FleetInfrastructure.get().startPostgres();
        }

        // the pool reconnects by itself; until it has, the test's own queries may fail too. Twice the usual patience:
        // PostgreSQL's restart, the consumer's backoff (up to 10 s) and the pool's reconnect add up on a loaded
        // 2-core machine (61 s once, with another fleet running beside the suite)
        await().atMost(PATIENCE.multipliedBy(2)).ignoreExceptions().until(() -> processed(eventId));

        assertThat(forecast(sku, 14).get("unitsSold").asLong()).isEqualTo(4);
        assertThat(meterCount("orderfleet.events.dead.lettered")).isEqualTo(deadBefore);
    }

    double meterCount(String name) {
        var counter = meters.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void eventsOfTypesThisServiceDoesNotKnowAreSkippedAndCounted() {
        double before = consumed("other", "skipped");
        UUID eventId = UUID.randomUUID();
        send(UUID.randomUUID().toString(), """
                {"specversion":"1.0","id":"%s","type":"io.orderfleet.order.shipped.v1","source":"/orderfleet/orders-service",
                 "time":"%s","data":{"something":"new"}}""".formatted(eventId, now));

        await().atMost(PATIENCE).until(() -> consumed("other", "skipped") - before == 1);

        assertThat(jdbc.sql("SELECT type FROM processed_order_events WHERE event_id = :id").param("id", eventId)
                .query(String.class).single()).isEqualTo("io.orderfleet.order.shipped.v1");
    }

    @Test
    void theConsumerLagIsAMetric() {
        UUID eventId = publish(CREATED, UUID.randomUUID(), "PENDING", new Line("ANY-1", 1, 100));
        awaitProcessed(eventId);

        // a consumer that has not fetched since a rebalance or a backoff reports no value (NaN) for a while: one real
        // value shows that the lag is measured
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").gauges()).isNotEmpty()
                .anySatisfy(g -> assertThat(g.value()).isGreaterThanOrEqualTo(0));
    }

    @Test
    void theForecastIsForAdminsAndRefusesBadInput() {
        String sku = newItem(3);
        assertThat(api.get("/api/v1/inventory/items/" + sku + "/forecast", TestTokens.user(2)).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/inventory/items/" + sku + "/forecast", ADMIN).json().get("windowDays").asInt())
                .isEqualTo(14);
        for (String bad : List.of("windowDays=0", "windowDays=91", "windowDays=soon")) {
            var response = api.get("/api/v1/inventory/items/" + sku + "/forecast?" + bad, ADMIN);
            assertThat(response.status()).as(bad).isEqualTo(400);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/inventory/items/NOPE-404/forecast", ADMIN).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/inventory/items/bad%20sku/forecast", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void theLowStockPanelGetsTheForecastOfEachLowItem() {
        // emptiest first, then by SKU: "0..." sorts before the other tests' empty items, within the list's 50
        String sku = newItem("0F-", 0);
        UUID eventId = publish(CONFIRMED, UUID.randomUUID(), "CONFIRMED", new Line(sku, 14, 100));
        awaitProcessed(eventId);

        JsonNode stats = api.get("/api/v1/inventory/stats?lowStockThreshold=1", ADMIN).json();

        List<String> low = stats.get("lowStock").findValuesAsString("sku");
        assertThat(stats.get("lowStockForecasts").findValuesAsString("sku")).isEqualTo(low).contains(sku);
        JsonNode mine = stats.get("lowStockForecasts").get(low.indexOf(sku));
        assertThat(mine.get("unitsSoldPerDay").asDouble()).isEqualTo(1.0);
        assertThat(mine.get("daysUntilOut").asLong()).as("nothing left").isZero();
    }

    static String keyOf(String envelope) {
        int at = envelope.indexOf("\"subject\":\"") + "\"subject\":\"".length();
        return envelope.substring(at, at + 36);
    }

    double consumed(String type, String outcome) {
        var counter = meters.find("orderfleet.events.consumed").tag("type", type).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    List<ConsumerRecord<String, byte[]>> deadLettersWithKey(String key, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, FleetKafka.get().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC + ".DLT"));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }
}
