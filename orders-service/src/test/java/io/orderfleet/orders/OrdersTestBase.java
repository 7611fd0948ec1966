package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.FleetKafka;
import io.orderfleet.orders.clients.InventoryClient;
import io.orderfleet.orders.clients.Resilience;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for the module: orders-service against stub peers over real HTTP and a real Kafka
 * broker (the order-event relay runs). Public so that
 * tests of package-private collaborators (in their own package) share this context too.
 */
@FleetIntegrationTest
public abstract class OrdersTestBase {

    static final StubPeers PEERS = StubPeers.INSTANCE;

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("orderfleet.users-url", PEERS::usersUrl);
        registry.add("orderfleet.inventory-url", PEERS::inventoryUrl);
        // a real broker for the order-event relay (common-lib's FleetKafka)
        registry.add("spring.kafka.bootstrap-servers", () -> FleetKafka.get().bootstrapServers());
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected Resilience resilience;
    protected ApiClient api;

    @BeforeEach
    void setUpApi() {
        api = new ApiClient(port);
        PEERS.reset();
        resilience.reset(InventoryClient.PEER);
        resilience.reset("users");
    }

    @AfterEach
    void closeBreakers() {
        PEERS.reset();
        resilience.reset(InventoryClient.PEER);
        resilience.reset("users");
    }

    static String newSku() {
        return "S-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    ApiClient.Response order(String token, String key, String itemsJson) {
        String body = "{\"items\":" + itemsJson + "}";
        return key == null ? api.post("/api/v1/orders", token, body)
                : api.send("POST", "/api/v1/orders", token, body, "Idempotency-Key", key);
    }

    /** Polls a condition the background workers will make true; fails with the message if they do not in time. */
    static void eventually(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("timed out waiting until " + what).isBefore(deadline);
            Thread.onSpinWait();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception");
    }
}
