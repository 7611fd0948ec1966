package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

/** orders-service as a resource server: the same token checks as every service. */
class ResourceServerTest extends OrdersTestBase {

    @Test
    void forgedExpiredAndForeignTokensAre401Problems() {
        for (String forged : TestTokens.forged(501)) {
            var response = api.get("/api/v1/orders", forged);

            assertThat(response.status()).as(forged).isEqualTo(401);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("WWW-Authenticate")).contains("invalid_token");
        }
        assertThat(api.get("/api/v1/orders", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/orders", TestTokens.user(501)).status()).isEqualTo(200);
    }

    @Test
    void serviceTokensAreNoUsersAndNobodyReachesInternalPathsHere() {
        String service = TestTokens.service("orders-service", "users:read", "inventory:reserve");

        assertThat(api.get("/api/v1/orders", service).status()).isEqualTo(403);
        assertThat(api.get("/internal/v1/orders", service).status()).isEqualTo(403);
        assertThat(api.get("/internal/v1/orders", TestTokens.admin(1)).status()).isEqualTo(403);
    }

    @Test
    void nobodySignsInWithAPasswordSoBootGeneratesNoUser(@Autowired ApplicationContext context) {
        // Boot's in-memory user (and its password in the log) backs off for a resource server's JwtDecoder
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    }
}
