package io.orderfleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The public OpenAPI group (what the gateway's /docs shows) and the service's own full document. */
@FleetIntegrationTest
class PublicApiDocsTest {

    @LocalServerPort
    int port;

    @Test
    void thePublicDocumentLeavesOutTheReservationsContractAndSaysWhoMayCallEachOperation() {
        ApiClient api = new ApiClient(port);
        JsonNode own = api.get("/v3/api-docs", null).json();
        var response = api.get("/v3/api-docs/public", null);
        JsonNode pub = response.json();

        assertThat(response.status()).isEqualTo(200);
        assertThat(own.get("paths").has("/internal/v1/reservations")).as("the service's own document").isTrue();
        assertThat(own.at("/paths/~1internal~1v1~1reservations/post/x-required-scope").asString())
                .isEqualTo("inventory:reserve");
        assertThat(pub.get("paths").has("/api/v1/inventory/items")).isTrue();
        assertThat(response.body()).doesNotContain("/internal");
        assertThat(pub.at("/components/securitySchemes/bearer-jwt/bearerFormat").asString()).isEqualTo("JWT");
        assertThat(pub.at("/paths/~1api~1v1~1inventory~1items/post/x-required-role").asString()).isEqualTo("admin");
        assertThat(pub.at("/paths/~1api~1v1~1inventory~1items/get/x-required-role").asString()).isEqualTo("user");
    }
}
