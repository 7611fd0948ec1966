package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.OpenApiContract;
import org.junit.jupiter.api.Test;

/** The SPA's committed copy of this service's public OpenAPI document (web/openapi/orders.json) is what it serves. */
class OrdersOpenApiContractTest extends OrdersTestBase {

    @Test
    void theSpaCommittedSpecIsTheDocumentTheServiceServes() {
        var served = api.get("/v3/api-docs/public", null);

        assertThat(served.status()).isEqualTo(200);
        OpenApiContract.assertCommittedSpecMatches("orders", getClass().getSimpleName(), served.body());
    }
}
