package io.orderfleet.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderfleet.common.test.TestJwks;
import io.orderfleet.common.test.TestTokens;
import java.net.URI;
import org.junit.jupiter.api.Test;

class JwksTokenVerifierTest {

    private final JwksTokenVerifier verifier = new JwksTokenVerifier(TestJwks.get().uri(), TestTokens.ISSUER);

    @Test
    void aUserTokenSignedByThePublishedKeyNamesTheUserAndRole() {
        FleetPrincipal principal = verifier.verify(TestTokens.admin(42));

        assertThat(principal.userId()).isEqualTo(42L);
        assertThat(principal.isAdmin()).isTrue();
        assertThat(principal.service()).isFalse();
    }

    @Test
    void aServiceTokenCarriesItsScopesAndIsNoUser() {
        FleetPrincipal principal = verifier.verify(TestTokens.service("orders-service", "users:read", "inventory:reserve"));

        assertThat(principal.service()).isTrue();
        assertThat(principal.userId()).isNull();
        assertThat(principal.hasScope("inventory:reserve")).isTrue();
        assertThat(principal.isAdmin()).isFalse();
    }

    @Test
    void expiredUnknownKidHmacUnsignedAndTamperedTokensAreAllRefused() {
        for (String forged : new String[] {TestTokens.expiredUser(1), TestTokens.withUnknownKid(1),
                TestTokens.hs256(1), TestTokens.unsigned(1), TestTokens.tamperedToAdmin(1), "not.a.jwt", ""}) {
            assertThatThrownBy(() -> verifier.verify(forged)).as(forged).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        JwksTokenVerifier strict = new JwksTokenVerifier(TestJwks.get().uri(), "someone-else");

        assertThatThrownBy(() -> strict.verify(TestTokens.user(7))).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void whenTheJwksEndpointIsDownNoTokenIsAccepted() {
        JwksTokenVerifier unreachable = new JwksTokenVerifier(URI.create("http://127.0.0.1:1/jwks.json"),
                TestTokens.ISSUER);

        assertThatThrownBy(() -> unreachable.verify(TestTokens.user(7))).isInstanceOf(InvalidTokenException.class);
    }
}
