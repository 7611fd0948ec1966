package io.orderfleet.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The gateway with sampling 0 (production samples a share of the traces): a request it does not sample
 * still has a trace id, in its problems and in the {@code traceparent} it forwards with the sampled flag
 * off, so the services record nothing for it either; a caller's sampled {@code traceparent} stays sampled.
 */
@FleetIntegrationTest
@ContextConfiguration(initializers = JwksServer.Initializer.class)
@TestPropertySource(properties = "management.tracing.sampling.probability=0")
class GatewayUnsampledTracingTest {

    static final StubServices STUBS = StubServices.INSTANCE;

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("orderfleet.users-url", () -> STUBS.url("users"));
        registry.add("orderfleet.inventory-url", () -> STUBS.url("inventory"));
        registry.add("orderfleet.orders-url", () -> STUBS.url("orders"));
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Test
    void anUnsampledRequestStillHasATraceIdAndForwardsItUnsampled() {
        var api = new ApiClient(port);

        var refused = api.get("/api/v1/orders", null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("traceId").asString()).matches("[0-9a-f]{32}")
                .isNotEqualTo("00000000000000000000000000000000");

        assertThat(api.get("/api/v1/orders", TestTokens.user(9100)).status()).isEqualTo(200);
        String forwarded = STUBS.lastSeen.get("orders").headers().get("traceparent");
        assertThat(forwarded).as("not sampled: the services record nothing either").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    }

    @Test
    void aCallersSampledTraceparentStaysSampled() {
        var api = new ApiClient(port);
        String trace = GatewayTest.newTraceId();

        var answer = api.send("GET", "/api/v1/orders", TestTokens.user(9101), null, "traceparent",
                "00-" + trace + "-" + GatewayTest.CALLER_SPAN + "-01");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(STUBS.lastSeen.get("orders").headers().get("traceparent")).matches("00-" + trace + "-[0-9a-f]{16}-01");
    }
}
