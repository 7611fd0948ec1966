package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.orderfleet.common.test.TestTokens;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The caller's W3C traceparent is continued by orders-service: the request's server span is a child of
 * the caller's span, its database statements are spans inside it, and the users check and the
 * reservation reach the peers with the same trace id and an orders-service client span as parent (read
 * from the spans the service really ended, see {@link CapturedSpans}). A problem names the caller's trace id.
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

    private SpanData serverSpan(String trace) {
        return spans.ofTrace(trace).stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst().orElse(null);
    }
}
