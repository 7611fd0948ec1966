package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderfleet.common.test.TestTokens;
import io.orderfleet.orders.webhook.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The webhook API end to end: real HTTP receivers, the real outbox and delivery worker (test settings:
 * 5 attempts, 200 ms initial backoff doubling, private targets allowed).
 */
class WebhooksTest extends OrdersTestBase {

    static final String ADMIN = TestTokens.admin(1);
    static final int MAX_ATTEMPTS = 5;

    @Autowired
    MeterRegistry meters;

    private final List<String> created = new ArrayList<>();
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @AfterEach
    void deleteWebhooksAndStopReceivers() {
        created.forEach(id -> api.delete("/api/v1/webhooks/" + id, ADMIN));
        receivers.forEach(WebhookReceiver::close);
    }

    private WebhookReceiver receiver(WebhookReceiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private JsonNode createWebhook(String url, String events) {
        var response = api.post("/api/v1/webhooks", ADMIN,
                "{\"url\":\"" + url + "\",\"events\":" + events + ",\"description\":\"test receiver\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        created.add(response.json().get("id").asString());
        return response.json();
    }

    private String placeConfirmedOrder(long userId) {
        String sku = newSku();
        PEERS.addItem(sku, "Lamp", 2500, 5);
        var placed = order(TestTokens.user(userId), null, "[{\"sku\":\"" + sku + "\",\"qty\":2}]");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        return placed.json().get("id").asString();
    }

    private List<WebhookReceiver.Received> forOrder(WebhookReceiver receiver, String orderId) {
        return receiver.received().stream()
                .filter(r -> r.json().get("data").has("id") && r.json().get("data").get("id").asString().equals(orderId))
                .toList();
    }

    private JsonNode deliveries(String webhookId) {
        var response = api.get("/api/v1/webhooks/" + webhookId + "/deliveries?size=100", ADMIN);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().get("content");
    }

    private JsonNode onlyDelivery(String webhookId) {
        JsonNode content = deliveries(webhookId);
        assertThat(content).hasSize(1);
        return content.get(0);
    }

    @Test
    void everyOrderEventAndAPingReachTheReceiverSignedWithTheSecretThatIsShownOnlyOnce() {
        WebhookReceiver receiver = receiver(WebhookReceiver.started());
        JsonNode webhook = createWebhook(receiver.url(),
                "[\"order.created\",\"order.status_changed\",\"order.cancelled\"]");
        String secret = webhook.get("secret").asString();
        String webhookId = webhook.get("id").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(webhook.get("events")).hasSize(3);

        String orderId = placeConfirmedOrder(401);
        assertThat(api.post("/api/v1/orders/" + orderId + "/cancel", TestTokens.user(401), "").status()).isEqualTo(200);
        var ping = api.post("/api/v1/webhooks/" + webhookId + "/ping", ADMIN, "");
        assertThat(ping.status()).as(ping.body()).isEqualTo(202);
        String pingEventId = ping.json().get("eventId").asString();

        await().atMost(Duration.ofSeconds(20)).until(() -> forOrder(receiver, orderId).size() == 3
                && receiver.withId(pingEventId).size() == 1);

        List<WebhookReceiver.Received> orderEvents = forOrder(receiver, orderId);
        assertThat(orderEvents).extracting(r -> r.json().get("type").asString())
                .containsExactlyInAnyOrder("order.created", "order.status_changed", "order.cancelled");
        for (WebhookReceiver.Received r : orderEvents) {
            JsonNode body = r.json();
            assertThat(r.signedWith(secret)).as("signature of %s", body).isTrue();
            assertThat(r.id()).isEqualTo(body.get("id").asString());
            assertThat(Long.parseLong(r.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(300L));
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(Instant.parse(body.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
            assertThat(body.get("data").get("userId").asLong()).isEqualTo(401);
            String expectedStatus = switch (body.get("type").asString()) {
                case "order.created" -> "PENDING";
                case "order.status_changed" -> "CONFIRMED";
                default -> "CANCELLED";
            };
            assertThat(body.get("data").get("status").asString()).isEqualTo(expectedStatus);
        }
        JsonNode confirmed = orderEvents.stream().filter(r -> r.json().get("type").asString().equals("order.status_changed"))
                .findFirst().orElseThrow().json();
        assertThat(confirmed.get("data").get("totalCents").asLong()).isEqualTo(5000);
        assertThat(confirmed.get("data").get("items").get(0).get("unitPriceCents").asLong()).isEqualTo(2500);

        WebhookReceiver.Received pinged = receiver.withId(pingEventId).getFirst();
        assertThat(pinged.signedWith(secret)).isTrue();
        assertThat(pinged.signedWith("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))).isFalse();
        assertThat(pinged.json().get("type").asString()).isEqualTo("webhook.ping");
        assertThat(pinged.json().get("data").get("webhookId").asString()).isEqualTo(webhookId);

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries(webhookId).findValuesAsString("status").stream()
                .filter("SUCCEEDED"::equals).count() >= 4);
        for (JsonNode delivery : deliveries(webhookId)) {
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("lastStatusCode").asInt()).isEqualTo(204);
            assertThat(delivery.get("deliveredAt").isNull()).isFalse();
            assertThat(delivery.get("nextAttemptAt").isNull()).isTrue();
        }

        var list = api.get("/api/v1/webhooks", ADMIN);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain("whsec_").doesNotContain("\"secret\"");
        assertThat(list.json().findValuesAsString("id")).contains(webhookId);
    }

    @Test
    void aReceiverThatIsDownGetsTheEventOnceItComesBack() {
        WebhookReceiver receiver = receiver(WebhookReceiver.down());
        String webhookId = createWebhook(receiver.url(), "[\"order.created\"]").get("id").asString();

        String orderId = placeConfirmedOrder(402);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode d = deliveries(webhookId);
            return d.size() == 1 && d.get(0).get("attempts").asInt() >= 1;
        });
        JsonNode failing = onlyDelivery(webhookId);
        assertThat(failing.get("status").asString()).isEqualTo("PENDING");
        assertThat(failing.get("lastError").asString()).contains("refused");
        assertThat(failing.get("nextAttemptAt").isNull()).isFalse();

        receiver.start();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> onlyDelivery(webhookId).get("status").asString().equals("SUCCEEDED"));
        JsonNode delivered = onlyDelivery(webhookId);
        assertThat(delivered.get("attempts").asInt()).isBetween(2, MAX_ATTEMPTS);
        assertThat(delivered.get("lastStatusCode").asInt()).isEqualTo(204);
        assertThat(forOrder(receiver, orderId)).hasSize(1);
        assertThat(forOrder(receiver, orderId).getFirst().id()).isEqualTo(delivered.get("eventId").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_delivery_attempts WHERE delivery_id = :id")
                .param("id", UUID.fromString(delivered.get("id").asString())).query(Long.class).single())
                .isEqualTo(delivered.get("attempts").asLong());
    }

    @Test
    void aReceiverAnswering500ForeverEndsFailedAfterTheConfiguredAttemptsWithGrowingBackoff() {
        WebhookReceiver receiver = receiver(WebhookReceiver.started().answering(500));
        String webhookId = createWebhook(receiver.url(), "[\"order.cancelled\"]").get("id").asString();
        double failedBefore = meters.counter("webhooks.deliveries.failed").count();

        String eventId = api.post("/api/v1/webhooks/" + webhookId + "/ping", ADMIN, "").json().get("eventId").asString();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> onlyDelivery(webhookId).get("status").asString().equals("FAILED"));
        JsonNode failed = onlyDelivery(webhookId);
        assertThat(failed.get("attempts").asInt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(failed.get("lastStatusCode").asInt()).isEqualTo(500);
        assertThat(failed.get("lastError").asString()).isEqualTo("HTTP 500");
        assertThat(failed.get("nextAttemptAt").isNull()).isTrue();
        assertThat(failed.get("deliveredAt").isNull()).isTrue();
        assertThat(receiver.withId(eventId)).hasSize(MAX_ATTEMPTS);
        assertThat(receiver.withId(eventId)).extracting(r -> r.body()).containsOnly(receiver.withId(eventId).getFirst().body());
        assertThat(meters.counter("webhooks.deliveries.failed").count()).isEqualTo(failedBefore + 1);

        // every attempt was recorded; the planned pauses grow although each one is jittered
        List<Long> pauses = jdbc.sql("""
                SELECT round(EXTRACT(EPOCH FROM next_attempt_at - attempted_at) * 1000)::bigint - duration_ms
                FROM webhook_delivery_attempts
                WHERE delivery_id = :id ORDER BY attempt""")
                .param("id", UUID.fromString(failed.get("id").asString())).query(Long.class).list();
        assertThat(pauses).hasSize(MAX_ATTEMPTS);
        assertThat(pauses.getLast()).as("no attempt planned after the last").isNull();
        List<Long> planned = pauses.subList(0, MAX_ATTEMPTS - 1);
        assertThat(planned).isSorted().doesNotHaveDuplicates();
        assertThat(planned.getFirst()).isBetween(159L, 241L);
    }

    @Test
    void onlyAdminsManageWebhooks() {
        WebhookReceiver receiver = receiver(WebhookReceiver.started());
        String webhookId = createWebhook(receiver.url(), "[\"order.created\"]").get("id").asString();
        String user = TestTokens.user(403);
        String body = "{\"url\":\"" + receiver.url() + "\",\"events\":[\"order.created\"]}";

        assertProblem(api.post("/api/v1/webhooks", user, body), 403);
        assertProblem(api.get("/api/v1/webhooks", user), 403);
        assertProblem(api.delete("/api/v1/webhooks/" + webhookId, user), 403);
        assertProblem(api.post("/api/v1/webhooks/" + webhookId + "/ping", user, ""), 403);
        assertProblem(api.get("/api/v1/webhooks/" + webhookId + "/deliveries", user), 403);
        assertProblem(api.get("/api/v1/webhooks", null), 401);
        assertThat(api.get("/api/v1/webhooks", ADMIN).json().findValuesAsString("id")).contains(webhookId);
        assertThat(deliveries(webhookId)).isEmpty();

        assertThat(api.delete("/api/v1/webhooks/" + webhookId, ADMIN).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/webhooks", ADMIN).json().findValuesAsString("id")).doesNotContain(webhookId);
        assertProblem(api.delete("/api/v1/webhooks/" + webhookId, ADMIN), 404);
    }

    @Test
    void invalidOrUnsafeWebhooksAreRefusedWithProblemsAndNothingIsStored() {
        long before = jdbc.sql("SELECT count(*) FROM webhooks").query(Long.class).single();
        String events = "[\"order.created\"]";

        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/hook",
                "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:8080/", "http://224.0.0.1/",
                "ftp://example.com/hook", "file:///etc/passwd", "javascript:alert(1)", "http://user:pw@127.0.0.1/",
                "http://", "not a url", "http://no-such-host.invalid/")) {
            var response = api.post("/api/v1/webhooks", ADMIN, "{\"url\":\"" + url + "\",\"events\":" + events + "}");
            assertProblem(response, 422);
            assertThat(response.json().get("errors").findValuesAsString("field")).as(url).containsExactly("url");
        }
        assertProblem(api.post("/api/v1/webhooks", ADMIN, "{\"events\":" + events + "}"), 422);
        assertProblem(api.post("/api/v1/webhooks", ADMIN, "{\"url\":\"http://127.0.0.1/\",\"events\":[]}"), 422);
        assertProblem(api.post("/api/v1/webhooks", ADMIN, "{\"url\":\"http://127.0.0.1/\",\"events\":[\"order.shipped\"]}"), 422);
        assertProblem(api.post("/api/v1/webhooks", ADMIN, "{\"url\":\"http://127.0.0.1/\",\"events\":[null]}"), 422);
        assertProblem(api.post("/api/v1/webhooks", ADMIN, "{\"url\":\"http://127.0.0.1/\",\"events\":\"order.created\"}"), 400);
        assertProblem(api.post("/api/v1/webhooks", ADMIN, "{\"url\":\"http://127.0.0.1/\",\"events\":" + events
                + ",\"description\":\"" + "x".repeat(501) + "\"}"), 422);
        assertProblem(api.post("/api/v1/webhooks", ADMIN, "{not json"), 400);
        assertThat(jdbc.sql("SELECT count(*) FROM webhooks").query(Long.class).single()).isEqualTo(before);

        String unknown = UUID.randomUUID().toString();
        assertProblem(api.delete("/api/v1/webhooks/" + unknown, ADMIN), 404);
        assertProblem(api.post("/api/v1/webhooks/" + unknown + "/ping", ADMIN, ""), 404);
        assertProblem(api.get("/api/v1/webhooks/" + unknown + "/deliveries", ADMIN), 404);
        assertProblem(api.get("/api/v1/webhooks/not-a-uuid/deliveries", ADMIN), 400);
        WebhookReceiver receiver = receiver(WebhookReceiver.started());
        String webhookId = createWebhook(receiver.url(), events).get("id").asString();
        assertProblem(api.get("/api/v1/webhooks/" + webhookId + "/deliveries?size=500", ADMIN), 400);
    }

    @Test
    void deliveryMetricsAreExported() {
        String metrics = api.get("/actuator/prometheus", null).body();

        assertThat(metrics).contains("webhooks_deliveries_succeeded_total").contains("webhooks_deliveries_failed_total")
                .contains("webhooks_outbox_lag_seconds");
    }

}
