package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The public OpenAPI group (what the gateway's /docs shows). */
class PublicApiDocsTest extends OrdersTestBase {

    @Test
    void thePublicDocumentDeclaresTheBearerSchemeAndTheAdminOnlyOperations() {
        var response = api.get("/v3/api-docs/public", null);
        JsonNode pub = response.json();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("/internal");
        assertThat(pub.at("/components/securitySchemes/bearer-jwt/scheme").asString()).isEqualTo("bearer");
        assertThat(pub.at("/paths/~1api~1v1~1orders~1{id}~1status/post/x-required-role").asString()).isEqualTo("admin");
        assertThat(pub.at("/paths/~1api~1v1~1webhooks/get/x-required-role").asString()).isEqualTo("admin");
        assertThat(pub.at("/paths/~1api~1v1~1orders/post/x-required-role").asString()).isEqualTo("user");
        assertThat(pub.at("/paths/~1api~1v1~1orders/post/security/0").has("bearer-jwt")).isTrue();
    }
}
