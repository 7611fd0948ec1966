package io.orderfleet.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The SPA's committed copy of this service's public OpenAPI document (web/openapi/inventory.json) is what it serves. */
@FleetIntegrationTest
class InventoryOpenApiContractTest {

    @LocalServerPort
    int port;

    @Test
    void theSpaCommittedSpecIsTheDocumentTheServiceServes() {
        var served = new ApiClient(port).get("/v3/api-docs/public", null);

        assertThat(served.status()).isEqualTo(200);
        OpenApiContract.assertCommittedSpecMatches("inventory", getClass().getSimpleName(), served.body());
    }
}
