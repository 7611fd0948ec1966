package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.orderfleet.common.test.TestTokens;
import io.orderfleet.orders.webhook.WebhookReceiver;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The caller's W3C traceparent is continued by orders-service: the request's server span is a child of
 * the caller's span, its database statements are spans inside it, and the users check and the
 * reservation reach the peers with the same trace id and an orders-service client span as parent (read
 * from the spans the service really ended, see {@link CapturedSpans}). A problem names the caller's trace id.
 * Work done later for the order (reconciliation, release, webhook delivery attempts) runs in traces of
 * its own, linked to the span that placed or changed the order.
 */
class TracePropagationTest extends OrdersTestBase {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Autowired
    CapturedSpans spans;

    @Test
    void anIncomingTraceparentIsContinuedByTheRequestsSpanAndItsDatabaseStatements() {
        String sku = newSku();
        PEERS.addItem(sku, "Lamp", 2500, 5);
        String trace = UUID.randomUUID().toString().replace("-", "");

        var placed = api.send("POST", "/api/v1/orders", TestTokens.user(7301), "{\"items\":[{\"sku\":\"" + sku
                + "\",\"qty\":1}]}", "traceparent", "00-" + trace + "-" + CALLER_SPAN + "-01");

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        eventually("the server span of the request has ended", () -> serverSpan(trace) != null);
        SpanData server = serverSpan(trace);
        assertThat(server.getParentSpanId()).as("the caller's span is the parent").isEqualTo(CALLER_SPAN);
        assertThat(spans.ofTrace(trace)).as("database statements are spans of the same request")
                .anySatisfy(span -> {
                    assertThat(span.getName()).containsIgnoringCase("query");
                    assertThat(spans.descendsFrom(span, server.getSpanId())).isTrue();
                });
    }

    @Test
    void anOrderPlacedWithATraceparentCarriesThatTraceToTheUsersCheckAndTheReservation() {
        String sku = newSku();
        PEERS.addItem(sku, "Desk", 9900, 5);
        String trace = UUID.randomUUID().toString().replace("-", "");

        var placed = api.send("POST", "/api/v1/orders", TestTokens.user(7303), "{\"items\":[{\"sku\":\"" + sku
                + "\",\"qty\":1}]}", "traceparent", "00-" + trace + "-" + CALLER_SPAN + "-01");

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        eventually("the server span of the request has ended", () -> serverSpan(trace) != null);
        SpanData server = serverSpan(trace);
        for (String peerCall : Arrays.asList(PEERS.lastUserCheckTraceparent, PEERS.lastReserveTraceparent)) {
            assertThat(peerCall).as("a W3C traceparent reached the peer").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            String[] parts = peerCall.split("-");
            assertThat(parts[1]).as("the caller's trace id").isEqualTo(trace);
            SpanData client = spans.byId(parts[2]).orElseThrow(() -> new AssertionError("no span " + parts[2]));
            assertThat(client.getKind()).as("the parent is orders-service's client span").isEqualTo(SpanKind.CLIENT);
            assertThat(spans.descendsFrom(client, server.getSpanId())).as("the call was made inside the request").isTrue();
        }
    }

    @Test
    void aProblemAnswerCarriesTheCallersTraceIdAndStillEchoesTheRequestId() {
        var refused = api.sendHeaders("POST", "/api/v1/orders", "Authorization", "Bearer " + TestTokens.user(7302),
                "Content-Type", "application/json", "traceparent", "00-" + TRACE + "-" + CALLER_SPAN + "-01",
                "X-Request-Id", "trace-problem-1");

        assertProblem(refused, 400);
        assertThat(refused.json().get("traceId").asString()).isEqualTo(TRACE);
        assertThat(refused.header("X-Request-Id")).isEqualTo("trace-problem-1");
    }

    @Test
    void aStaleOrderIsReconciledInASpanOfItsOwnLinkedToTheTraceThatPlacedIt() {
        String sku = newSku();
        PEERS.addItem(sku, "Clock", 900, 10);
        UUID id = UUID.randomUUID();
        String trace = UUID.randomUUID().toString().replace("-", "");
        // inventory holds the reservation; the process died before it heard the answer
        PEERS.reservations.put(id, new StubPeers.Held("ACTIVE", Map.of(sku, 1)));
        PEERS.stock.merge(sku, -1, Integer::sum);
        jdbc.sql("INSERT INTO orders (id, user_id, status, created_at, traceparent)"
                + " VALUES (:id, 7304, 'PENDING', now() - interval '1 minute', :tp)")
                .param("id", id).param("tp", "00-" + trace + "-" + CALLER_SPAN + "-01").update();
        jdbc.sql("INSERT INTO order_items (order_id, sku, qty) VALUES (:id, :sku, 1)").param("id", id).param("sku", sku)
                .update();

        eventually("the reconciliation span has ended", () -> workerSpan("order.reconcile", id) != null);

        SpanData reconcile = workerSpan("order.reconcile", id);
        assertThat(reconcile.getTraceId()).as("a trace of its own").isNotEqualTo(trace);
        assertThat(reconcile.getParentSpanContext().isValid()).as("a root span").isFalse();
        assertThat(reconcile.getLinks()).as("linked to the placing request's span").singleElement()
                .satisfies(link -> {
                    assertThat(link.getSpanContext().getTraceId()).isEqualTo(trace);
                    assertThat(link.getSpanContext().getSpanId()).isEqualTo(CALLER_SPAN);
                });
        assertThat(spans.ofTrace(reconcile.getTraceId())).as("the lookup at inventory and the statements are its children")
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
                    assertThat(spans.descendsFrom(span, reconcile.getSpanId())).isTrue();
                })
                .anySatisfy(span -> {
                    assertThat(span.getName()).containsIgnoringCase("query");
                    assertThat(spans.descendsFrom(span, reconcile.getSpanId())).isTrue();
                });
        assertThat(jdbc.sql("SELECT status FROM orders WHERE id = :id").param("id", id).query(String.class).single())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void theReleaseOfACancelledOrderIsASpanLinkedToTheTraceThatPlacedTheOrder() {
        String sku = newSku();
        PEERS.addItem(sku, "Rug", 4000, 5);
        String trace = UUID.randomUUID().toString().replace("-", "");
        String token = TestTokens.user(7305);
        var placed = api.send("POST", "/api/v1/orders", token, "{\"items\":[{\"sku\":\"" + sku
                + "\",\"qty\":2}]}", "traceparent", "00-" + trace + "-" + CALLER_SPAN + "-01");
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        UUID id = UUID.fromString(placed.json().get("id").asString());
        eventually("the placing request's server span has ended", () -> serverSpan(trace) != null);
        String placingSpan = serverSpan(trace).getSpanId();

        var cancelled = api.post("/api/v1/orders/" + id + "/cancel", token, "{}");

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        eventually("the release span has ended", () -> workerSpan("order.release", id) != null);
        SpanData release = workerSpan("order.release", id);
        assertThat(release.getTraceId()).isNotEqualTo(trace);
        assertThat(release.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(trace);
            assertThat(link.getSpanContext().getSpanId()).as("the span the order was placed in").isEqualTo(placingSpan);
        });
        assertThat(PEERS.stock.get(sku)).as("the stock is back").isEqualTo(5);
    }

    @Test
    void aWebhookDeliveryAttemptIsLinkedToTheTraceThatPlacedTheOrderAndTheReceiverJoinsTheAttemptsOwnTrace() {
        String sku = newSku();
        PEERS.addItem(sku, "Vase", 1800, 5);
        String trace = UUID.randomUUID().toString().replace("-", "");
        try (WebhookReceiver receiver = WebhookReceiver.started()) {
            String webhookId = createWebhook(receiver.url(), "order.created");
            try {
                var placed = api.send("POST", "/api/v1/orders", TestTokens.user(7306), "{\"items\":[{\"sku\":\"" + sku
                        + "\",\"qty\":1}]}", "traceparent", "00-" + trace + "-" + CALLER_SPAN + "-01");
                assertThat(placed.status()).as(placed.body()).isEqualTo(201);
                UUID orderId = UUID.fromString(placed.json().get("id").asString());
                var stored = jdbc.sql("SELECT id, traceparent FROM outbox_events WHERE order_id = :id AND type = 'order.created'")
                        .param("id", orderId).query((rs, n) -> new String[] {rs.getString("id"), rs.getString("traceparent")})
                        .single();
                String eventId = stored[0];
                String[] storedContext = stored[1].split("-");
                assertThat(storedContext[1]).as("the event keeps the placing request's trace").isEqualTo(trace);

                eventually("the event was delivered and its attempt span has ended",
                        () -> "SUCCEEDED".equals(deliveryStatus(webhookId, eventId)) && attemptSpan(eventId) != null);

                SpanData attempt = attemptSpan(eventId);
                assertThat(attempt.getParentSpanContext().isValid()).as("a root span").isFalse();
                assertThat(attempt.getTraceId()).as("a trace of its own").isNotEqualTo(trace);
                assertThat(attempt.getLinks()).as("linked to the span the event was written in").singleElement()
                        .satisfies(link -> {
                            assertThat(link.getSpanContext().getTraceId()).isEqualTo(storedContext[1]);
                            assertThat(link.getSpanContext().getSpanId()).isEqualTo(storedContext[2]);
                        });
                assertThat(attempt.getAttributes().get(AttributeKey.stringKey("webhook.id"))).isEqualTo(webhookId);
                String received = receiver.withId(eventId).getFirst().traceparent();
                assertThat(received).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
                assertThat(received.split("-")[1]).as("the receiver joins the attempt's trace")
                        .isEqualTo(attempt.getTraceId());
            } finally {
                api.delete("/api/v1/webhooks/" + webhookId, TestTokens.admin(1));
            }
        }
    }

    @Test
    void aPingWhoseOutboxRowHasNoTraceparentIsDeliveredInAnAttemptSpanWithoutALink() {
        try (WebhookReceiver receiver = WebhookReceiver.started()) {
            String webhookId = createWebhook(receiver.url(), "order.created");
            try {
                var ping = api.post("/api/v1/webhooks/" + webhookId + "/ping", TestTokens.admin(1), "");
                assertThat(ping.status()).as(ping.body()).isEqualTo(202);
                String eventId = ping.json().get("eventId").asString();
                assertThat(jdbc.sql("SELECT traceparent IS NULL FROM outbox_events WHERE id = :id")
                        .param("id", UUID.fromString(eventId)).query(Boolean.class).single()).isTrue();

                eventually("the ping was delivered and its attempt span has ended",
                        () -> "SUCCEEDED".equals(deliveryStatus(webhookId, eventId)) && attemptSpan(eventId) != null);

                assertThat(attemptSpan(eventId).getLinks()).isEmpty();
                assertThat(receiver.withId(eventId).getFirst().traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            } finally {
                api.delete("/api/v1/webhooks/" + webhookId, TestTokens.admin(1));
            }
        }
    }

    private String createWebhook(String url, String event) {
        var created = api.post("/api/v1/webhooks", TestTokens.admin(1),
                "{\"url\":\"" + url + "\",\"events\":[\"" + event + "\"],\"description\":\"trace links\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private String deliveryStatus(String webhookId, String eventId) {
        return jdbc.sql("SELECT status FROM webhook_deliveries WHERE webhook_id = :w AND event_id = :e")
                .param("w", UUID.fromString(webhookId)).param("e", UUID.fromString(eventId)).query(String.class)
                .optional().orElse(null);
    }

    private SpanData attemptSpan(String eventId) {
        return spans.all().stream().filter(span -> span.getName().equals("webhook delivery attempt")
                && eventId.equals(span.getAttributes().get(AttributeKey.stringKey("webhook.event.id"))))
                .findFirst().orElse(null);
    }

    private SpanData workerSpan(String name, UUID orderId) {
        return spans.all().stream().filter(span -> span.getName().equals(name)
                && orderId.toString().equals(span.getAttributes().get(AttributeKey.stringKey("order.id"))))
                .findFirst().orElse(null);
    }

    private SpanData serverSpan(String trace) {
        return spans.ofTrace(trace).stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElse(null);
    }
}
