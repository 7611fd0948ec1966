package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.TestTokens;
import org.junit.jupiter.api.Test;

/** orders-service's service token (OAuth2 client credentials) and its one behaviour on a 401 from a peer. */
class ServiceTokensTest extends OrdersTestBase {

    @Test
    void theServiceTokenIsFetchedOnceAndReusedAcrossCallsToBothPeers() {
        String sku = newSku();
        PEERS.addItem(sku, "Thing", 100, 10);
        assertThat(order(TestTokens.user(301), null, "[{\"sku\":\"" + sku + "\",\"qty\":1}]").status()).isEqualTo(201);
        int grants = PEERS.tokenGrants.get();

        assertThat(order(TestTokens.user(302), null, "[{\"sku\":\"" + sku + "\",\"qty\":1}]").status()).isEqualTo(201);

        assertThat(PEERS.tokenGrants.get()).isEqualTo(grants);
    }

    @Test
    void aPeerThatRefusesTheTokenOnceGetsTheRequestAgainWithAFreshToken() {
        String sku = newSku();
        PEERS.addItem(sku, "Thing", 100, 10);
        assertThat(order(TestTokens.user(303), null, "[{\"sku\":\"" + sku + "\",\"qty\":1}]").status()).isEqualTo(201);
        int grants = PEERS.tokenGrants.get();
        PEERS.refuseTokens.set(1);

        var placed = order(TestTokens.user(304), null, "[{\"sku\":\"" + sku + "\",\"qty\":2}]");

        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        assertThat(placed.json().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(PEERS.tokenGrants.get()).as("a fresh token was fetched").isEqualTo(grants + 1);
        assertThat(PEERS.stock.get(sku)).isEqualTo(7);
    }

    @Test
    void aPeerThatKeepsRefusingTheTokenIsUnavailableAndNoStockIsHeld() {
        String sku = newSku();
        PEERS.addItem(sku, "Thing", 100, 10);
        PEERS.refuseTokens.set(2);

        var refused = order(TestTokens.user(305), null, "[{\"sku\":\"" + sku + "\",\"qty\":1}]");

        assertProblem(refused, 503);
        assertThat(PEERS.stock.get(sku)).isEqualTo(10);
    }
}
