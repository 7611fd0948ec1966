package io.orderfleet.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.OpenApiContract;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The SPA's committed copy of this service's public OpenAPI document (web/openapi/users.json) is what it serves. */
@FleetIntegrationTest
class UsersOpenApiContractTest {

    @LocalServerPort
    int port;

    @Test
    void theSpaCommittedSpecIsTheDocumentTheServiceServes() {
        var served = new Api(port).get("/v3/api-docs/public", null);

        assertThat(served.status()).isEqualTo(200);
        OpenApiContract.assertCommittedSpecMatches("users", getClass().getSimpleName(), served.body());
    }
}
