package io.orderfleet.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.orderfleet.orders.CapturedSpans;
import io.orderfleet.orders.OrdersTestBase;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class WebhookTracingTest extends OrdersTestBase {

    @Autowired
    WebhookSender sender;
    @Autowired
    CapturedSpans spans;

    @Test
    void eachDeliveryAttemptIsASpanAndTheReceiverGetsATraceparentWhoseParentIsThatAttempt() throws Exception {
        AtomicReference<String> traceparent = new AtomicReference<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            traceparent.set(exchange.getRequestHeaders().getFirst("traceparent"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            UUID eventId = UUID.randomUUID();
            String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";

            AttemptOutcome outcome = sender.send(new DueDelivery(UUID.randomUUID(), UUID.randomUUID(), eventId, 0, url,
                    secret, "{\"type\":\"order.confirmed\"}"));

            assertThat(outcome.succeeded()).as(String.valueOf(outcome.error())).isTrue();
            assertThat(traceparent.get()).as("the receiver sees a W3C traceparent")
                    .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            String[] parts = traceparent.get().split("-");
            SpanData attempt = spans.ofTrace(parts[1]).stream()
                    .filter(span -> eventId.toString().equals(span.getAttributes().get(AttributeKey.stringKey("webhook.event.id"))))
                    .findFirst().orElseThrow(() -> new AssertionError("no attempt span for the event"));
            assertThat(attempt.getAttributes().get(AttributeKey.stringKey("outcome"))).isEqualTo("success");
            SpanData client = spans.byId(parts[2]).orElseThrow(() -> new AssertionError("no span " + parts[2]));
            assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(client.getParentSpanId()).as("the HTTP call belongs to the attempt").isEqualTo(attempt.getSpanId());
        } finally {
            receiver.stop(0);
        }
    }
}
