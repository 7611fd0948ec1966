package io.orderfleet.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.orderfleet.orders.CapturedSpans;
import io.orderfleet.orders.OrdersTestBase;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The span of one delivery attempt, sent by the real sender bean to a real receiver on loopback. The
 * link to the trace that placed the order, end to end through the outbox and the worker, is in
 * {@code TracePropagationTest}.
 */
class WebhookTracingTest extends OrdersTestBase {

    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    static final String STORED_TRACE = "0af7651916cd43dd8448eb211c80319c";
    static final String STORED_SPAN = "b7ad6b7169203331";

    @Autowired
    WebhookSender sender;
    @Autowired
    CapturedSpans spans;

    private final WebhookReceiver receiver = WebhookReceiver.started();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void eachDeliveryAttemptIsASpanAndTheReceiverGetsATraceparentWhoseParentIsThatAttempt() {
        UUID eventId = UUID.randomUUID();

        AttemptOutcome outcome = sender.send(delivery(eventId, null));

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        String traceparent = receiver.withId(eventId.toString()).getFirst().traceparent();
        assertThat(traceparent).as("the receiver sees a W3C traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String[] parts = traceparent.split("-");
        SpanData attempt = attemptSpan(eventId);
        assertThat(attempt.getTraceId()).isEqualTo(parts[1]);
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");
        SpanData client = spans.byId(parts[2]).orElseThrow(() -> new AssertionError("no span " + parts[2]));
        assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(client.getParentSpanId()).as("the HTTP call belongs to the attempt").isEqualTo(attempt.getSpanId());
    }

    @Test
    void anAttemptIsARootSpanLinkedToTheEventsStoredTraceAndTaggedWithItsDeliveryWebhookAndEvent() {
        UUID eventId = UUID.randomUUID();
        DueDelivery delivery = delivery(eventId, "00-" + STORED_TRACE + "-" + STORED_SPAN + "-01");

        AttemptOutcome outcome = sender.send(delivery);

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        SpanData attempt = attemptSpan(eventId);
        assertThat(attempt.getParentSpanContext().isValid()).as("a root span").isFalse();
        assertThat(attempt.getTraceId()).as("a trace of its own").isNotEqualTo(STORED_TRACE);
        assertThat(attempt.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(STORED_TRACE);
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(STORED_SPAN);
        });
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("webhook.delivery.id")))
                .isEqualTo(delivery.id().toString());
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("webhook.id")))
                .isEqualTo(delivery.webhookId().toString());
        String traceparent = receiver.withId(eventId.toString()).getFirst().traceparent();
        assertThat(traceparent.split("-")[1]).as("the receiver joins the attempt's trace, not the stored one")
                .isEqualTo(attempt.getTraceId());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "not-a-traceparent", "00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01",
            "00-00000000000000000000000000000000-b7ad6b7169203331-01",
            "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01"})
    void anAttemptWhoseEventHasNoUsableTraceparentIsStillDeliveredInASpanWithoutALink(String stored) {
        UUID eventId = UUID.randomUUID();

        AttemptOutcome outcome = sender.send(delivery(eventId, stored));

        assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
        assertThat(receiver.withId(eventId.toString())).singleElement()
                .satisfies(received -> assertThat(received.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
        SpanData attempt = attemptSpan(eventId);
        assertThat(attempt.getLinks()).isEmpty();
        assertThat(attempt.getParentSpanContext().isValid()).isFalse();
    }

    private DueDelivery delivery(UUID eventId, String traceparent) {
        return new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), eventId, 0, receiver.url(), SECRET,
                "{\"type\":\"order.confirmed\"}", traceparent);
    }

    private SpanData attemptSpan(UUID eventId) {
        return spans.all().stream()
                .filter(span -> eventId.toString().equals(span.getAttributes().get(AttributeKey.stringKey("webhook.event.id"))))
                .findFirst().orElseThrow(() -> new AssertionError("no attempt span for the event " + eventId));
    }
}
