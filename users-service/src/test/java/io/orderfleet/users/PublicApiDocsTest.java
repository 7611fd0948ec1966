package io.orderfleet.users;

import static org.assertj.core.api.Assertions.assertThat;

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
    void thePublicDocumentLeavesOutInternalPathsAndSaysWhoMayCallEachOperation() {
        Api api = new Api(port);
        JsonNode own = api.get("/v3/api-docs", null).json();
        var response = api.get("/v3/api-docs/public", null);
        JsonNode pub = response.json();

        assertThat(response.status()).isEqualTo(200);
        assertThat(own.get("paths").has("/internal/v1/users/{id}")).as("the service's own document").isTrue();
        assertThat(own.at("/paths/~1internal~1v1~1users~1{id}/get/x-required-scope").asString()).isEqualTo("users:read");
        assertThat(pub.get("paths").has("/api/v1/users/me")).isTrue();
        assertThat(response.body()).doesNotContain("/internal").doesNotContain("/oauth2/token");
        assertThat(pub.at("/components/securitySchemes/bearer-jwt/scheme").asString()).isEqualTo("bearer");
        assertThat(pub.at("/paths/~1api~1v1~1users/get/x-required-role").asString()).isEqualTo("admin");
        assertThat(pub.at("/paths/~1api~1v1~1users/get/security/0/bearer-jwt/0").asString()).isEqualTo("admin");
        assertThat(pub.at("/paths/~1api~1v1~1users~1me/get/x-required-role").asString()).isEqualTo("user");
        assertThat(pub.at("/paths/~1api~1v1~1users~1me/get/security/0").has("bearer-jwt")).isTrue();
        assertThat(pub.at("/paths/~1api~1v1~1auth~1login/post/x-required-role").asString()).isEqualTo("none");
        assertThat(pub.at("/paths/~1api~1v1~1auth~1login/post/security").size()).as("no token needed").isZero();
    }
}
