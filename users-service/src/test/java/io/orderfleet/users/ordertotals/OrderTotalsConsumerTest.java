package io.orderfleet.users.ordertotals;

import static io.orderfleet.common.events.OrderEvent.CANCELLED;
import static io.orderfleet.common.events.OrderEvent.CONFIRMED;
import static io.orderfleet.common.events.OrderEvent.CREATED;
import static io.orderfleet.common.events.OrderEvent.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.orderfleet.common.events.OnePoll;
import io.orderfleet.common.events.OrderEvents;
import io.orderfleet.common.events.OrderEvents.Line;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.FleetKafka;
import io.orderfleet.users.Api;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * PostgreSQL: envelopes published here as orders-service publishes them, the totals read back through
 * the admin API.
 */
@FleetIntegrationTest
class OrderTotalsConsumerTest {

    static final String TOPIC = "orderfleet.orders.v1";
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
    KafkaListenerEndpointRegistry listeners;
    @LocalServerPort
    int port;
    Api api;
    String admin;
    KafkaProducer<String, byte[]> producer;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

    @BeforeEach
    void setUp() {
        api = new Api(port);
        admin = api.adminToken();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, FleetKafka.get().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
    }

    /** Publishes one event of an order (keyed by the order id, as the publisher does) and returns its id. */
    UUID publish(String type, UUID orderId, long userId, String status, Instant placedAt, Line... lines) {
        UUID eventId = UUID.randomUUID();
        send(orderId.toString(), OrderEvents.envelope(eventId, type, orderId, userId, status, placedAt, lines));
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
        await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT count(*) FROM processed_order_events WHERE event_id = :id")
                .param("id", eventId).query(Long.class).single() == 1);
    }

    JsonNode registered(String name) {
        return api.register(name).get("user");
    }

    JsonNode adminView(long userId) {
        var response = api.get("/api/v1/users/" + userId, admin);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void theAdminViewsShowOrdersPlacedLifetimeSpendAndTheLastOrderTime() {
        JsonNode user = registered("Buyer");
        JsonNode idle = registered("Browser");
        long id = user.get("id").asLong();
        Instant last = now.plusSeconds(60);
        UUID confirmed = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        UUID cancelledAfterConfirm = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        List<UUID> lastEvents = new ArrayList<>();
        publish(CREATED, confirmed, id, "PENDING", now, new Line("KB-1", 2, 1999));
        lastEvents.add(publish(CONFIRMED, confirmed, id, "CONFIRMED", now, new Line("KB-1", 2, 1999)));
        publish(CREATED, rejected, id, "PENDING", now, new Line("KB-1", 500, 1999));
        lastEvents.add(publish(REJECTED, rejected, id, "REJECTED", now, new Line("KB-1", 500, 1999)));
        publish(CREATED, cancelledAfterConfirm, id, "PENDING", now, new Line("MS-1", 1, 700));
        publish(CONFIRMED, cancelledAfterConfirm, id, "CONFIRMED", now, new Line("MS-1", 1, 700));
        lastEvents.add(publish(CANCELLED, cancelledAfterConfirm, id, "CANCELLED", now, new Line("MS-1", 1, 700)));
        lastEvents.add(publish(CREATED, pending, id, "PENDING", last, new Line("MS-1", 3, 700)));
        lastEvents.forEach(this::awaitProcessed);

        JsonNode view = adminView(id);

        assertThat(view.get("email").asString()).isEqualTo(user.get("email").asString());
        assertThat(view.get("orderCount").asLong()).as("every order placed").isEqualTo(4);
        assertThat(view.get("lifetimeSpendCents").asLong()).as("confirmed and not cancelled").isEqualTo(2 * 1999);
        assertThat(Instant.parse(view.get("lastOrderAt").asString())).isEqualTo(last);
        JsonNode listed = api.get("/api/v1/users?q=" + user.get("email").asString(), admin).json().get("content").get(0);
        assertThat(listed.get("orderCount").asLong()).isEqualTo(4);
        assertThat(listed.get("lifetimeSpendCents").asLong()).isEqualTo(2 * 1999);
        assertThat(Instant.parse(listed.get("lastOrderAt").asString())).isEqualTo(last);
        JsonNode nothing = adminView(idle.get("id").asLong());
        assertThat(nothing.get("orderCount").asLong()).isZero();
        assertThat(nothing.get("lifetimeSpendCents").asLong()).isZero();
        assertThat(nothing.get("lastOrderAt").isNull()).isTrue();
    }

    @Test
    void aUserReadingThemselvesGetsTheirAccountWithoutTheAdminTotals() {
        JsonNode tokens = api.register("Self");
        long id = tokens.get("user").get("id").asLong();
        awaitProcessed(publish(CREATED, UUID.randomUUID(), id, "PENDING", now, new Line("KB-1", 1, 100)));

        var self = api.get("/api/v1/users/" + id, tokens.get("accessToken").asString());

        assertThat(self.status()).isEqualTo(200);
        assertThat(self.json().has("orderCount")).isFalse();
        assertThat(adminView(id).get("orderCount").asLong()).isEqualTo(1);
    }

    @Test
    void redeliveredEventsChangeNothing() {
        long id = registered("Twice").get("id").asLong();
        UUID order = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        List<UUID> ids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<String> envelopes = List.of(
                OrderEvents.envelope(ids.get(0), CREATED, order, id, "PENDING", now, new Line("KB-1", 1, 1000)),
                OrderEvents.envelope(ids.get(1), CONFIRMED, order, id, "CONFIRMED", now, new Line("KB-1", 1, 1000)),
                OrderEvents.envelope(ids.get(2), CONFIRMED, other, id, "CONFIRMED", now, new Line("KB-1", 2, 1000)),
                OrderEvents.envelope(ids.get(3), CANCELLED, other, id, "CANCELLED", now, new Line("KB-1", 2, 1000)));
        envelopes.forEach(e -> send(keyOf(e), e));
        ids.forEach(this::awaitProcessed);
        JsonNode before = adminView(id);
        assertThat(before.get("orderCount").asLong()).isEqualTo(2);
        assertThat(before.get("lifetimeSpendCents").asLong()).isEqualTo(1000);

        envelopes.forEach(e -> send(keyOf(e), e));
        // an event of an unknown type per order: once it is processed, the copies before it in its partition were too
        for (UUID orderId : List.of(order, other)) {
            UUID sentinel = UUID.randomUUID();
            send(orderId.toString(), """
                    {"specversion":"1.0","id":"%s","type":"io.orderfleet.order.shipped.v1","subject":"%s","data":{}}"""
                    .formatted(sentinel, orderId));
            awaitProcessed(sentinel);
        }

        JsonNode after = adminView(id);
        assertThat(after.get("orderCount").asLong()).isEqualTo(2);
        assertThat(after.get("lifetimeSpendCents").asLong()).isEqualTo(1000);
        assertThat(after.get("lastOrderAt").asString()).isEqualTo(before.get("lastOrderAt").asString());
    }

    @Test
    void aPollWithCopiesOfAnEventAndSeveralEventsOfOneOrderAppliesEachEventOnce() {
        long id = registered("Batched").get("id").asLong();
        UUID kept = UUID.randomUUID();
        UUID cancelledOrder = UUID.randomUUID();
        Instant later = now.plusSeconds(30);
        UUID created = UUID.randomUUID();
        UUID confirmed = UUID.randomUUID();
        UUID otherConfirmed = UUID.randomUUID();
        UUID cancellation = UUID.randomUUID();
        List<String> poll = List.of(
                OrderEvents.envelope(created, CREATED, kept, id, "PENDING", now, new Line("KB-1", 2, 0)),
                OrderEvents.envelope(confirmed, CONFIRMED, kept, id, "CONFIRMED", now, new Line("KB-1", 2, 1500)),
                OrderEvents.envelope(created, CREATED, kept, id, "PENDING", now, new Line("KB-1", 2, 0)),
                OrderEvents.envelope(confirmed, CONFIRMED, kept, id, "CONFIRMED", now, new Line("KB-1", 2, 1500)),
                OrderEvents.envelope(otherConfirmed, CONFIRMED, cancelledOrder, id, "CONFIRMED", later,
                        new Line("MS-1", 1, 700)),
                OrderEvents.envelope(cancellation, CANCELLED, cancelledOrder, id, "CANCELLED", later,
                        new Line("MS-1", 1, 700)),
                OrderEvents.envelope(otherConfirmed, CONFIRMED, cancelledOrder, id, "CONFIRMED", later,
                        new Line("MS-1", 1, 700)));

        OnePoll.deliver(listeners.getListenerContainer("users-order-events"), PATIENCE,
                () -> poll.forEach(e -> send(keyOf(e), e)));
        List.of(confirmed, cancellation).forEach(this::awaitProcessed);

        JsonNode view = adminView(id);
        assertThat(view.get("orderCount").asLong()).isEqualTo(2);
        assertThat(view.get("lifetimeSpendCents").asLong()).as("the kept order's confirmed total").isEqualTo(3000);
        assertThat(Instant.parse(view.get("lastOrderAt").asString())).isEqualTo(later);
        assertThat(jdbc.sql("SELECT total_cents, confirmed, cancelled FROM customer_orders WHERE order_id = :id")
                .param("id", kept).query().singleRow())
                .isEqualTo(Map.of("total_cents", 3000L, "confirmed", true, "cancelled", false));
        assertThat(jdbc.sql("SELECT count(*) FROM processed_order_events WHERE event_id IN (:ids)")
                .param("ids", List.of(created, confirmed, otherConfirmed, cancellation)).query(Long.class).single())
                .isEqualTo(4);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicWhileLaterRecordsAreStillProcessed() {
        long id = registered("Poisoned").get("id").asLong();
        UUID order = UUID.randomUUID();
        String key = order.toString();
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 'n', 'o', 't', ' ', 'j', 's', 'o', 'n'};
        String wrongShape = OrderEvents.envelope(UUID.randomUUID(), CREATED, order, id, "PENDING", now,
                new Line("KB-1", 1, 100)).replace("\"userId\":" + id + ",", "");
        send(key, garbage);
        send(key, wrongShape);
        UUID valid = publish(CREATED, order, id, "PENDING", now, new Line("KB-1", 1, 100));

        awaitProcessed(valid);

        assertThat(adminView(id).get("orderCount").asLong()).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> deadLetters = deadLettersWithKey(key, 2);
        assertThat(deadLetters.get(0).value()).as("the bytes as they came").isEqualTo(garbage);
        assertThat(new String(deadLetters.get(1).value(), StandardCharsets.UTF_8)).isEqualTo(wrongShape);
        assertThat(deadLetters).allSatisfy(r -> assertThat(new String(
                r.headers().lastHeader("kafka_dlt-original-consumer-group").value(), StandardCharsets.UTF_8))
                .isEqualTo("users-service"));
    }

    static String keyOf(String envelope) {
        int at = envelope.indexOf("\"subject\":\"") + "\"subject\":\"".length();
        return envelope.substring(at, at + 36);
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
