package io.orderfleet.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderfleet.common.test.TestJwks;
import io.orderfleet.common.test.TestTokens;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.client.RestTemplate;

/**
 * The token checks every servlet service gets: Boot's resource-server {@code JwtDecoder} built from the
 * same properties the services set, plus the fleet's clock skew and claim mapping.
 */
class FleetResourceServerTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FleetJwtAutoConfiguration.class,
                    org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration.class))
            .withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + TestJwks.get().uri(),
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                    "spring.security.oauth2.resourceserver.jwt.audiences=orderfleet-api,orderfleet-internal")
            // the JWKS read timeout of Spring's decoder is 500 ms; a loaded CI machine can take longer to answer the
            // first fetch, and this test is about the claims, not about timeouts (UnreachableIssuerTest is)
            .withBean(JwkSetUriJwtDecoderBuilderCustomizer.class, () -> builder -> builder.restOperations(patientRestTemplate()))
            // the services bring their own chain (FleetSecurityAutoConfiguration); here only the decoder counts
            .withBean(SecurityFilterChain.class, () -> new DefaultSecurityFilterChain(AnyRequestMatcher.INSTANCE));

    private final FleetJwtAuthenticationConverter converter = new FleetJwtAuthenticationConverter();

    private static RestTemplate patientRestTemplate() {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(10));
        return new RestTemplate(requests);
    }

    @Test
    void aUserTokenSignedByThePublishedKeyNamesTheUserAndMapsTheRoleToAuthorities() {
        runner.run(context -> {
            var authentication = converter.convert(context.getBean(JwtDecoder.class).decode(TestTokens.admin(42)));
            FleetPrincipal principal = (FleetPrincipal) authentication.getPrincipal();

            assertThat(principal.userId()).isEqualTo(42L);
            assertThat(principal.isAdmin()).isTrue();
            assertThat(principal.service()).isFalse();
            assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities()))
                    .containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
        });
    }

    @Test
    void aServiceTokenCarriesItsScopesAndIsNoUser() {
        runner.run(context -> {
            var authentication = converter.convert(context.getBean(JwtDecoder.class)
                    .decode(TestTokens.service("orders-service", "users:read", "inventory:reserve")));
            FleetPrincipal principal = (FleetPrincipal) authentication.getPrincipal();

            assertThat(principal.service()).isTrue();
            assertThat(principal.userId()).isNull();
            assertThat(principal.isAdmin()).isFalse();
            assertThat(AuthorityUtils.authorityListToSet(authentication.getAuthorities()))
                    .containsExactlyInAnyOrder("ROLE_SERVICE", "SCOPE_users:read", "SCOPE_inventory:reserve");
        });
    }

    @Test
    void expiredUnknownKidHmacUnsignedTamperedForeignIssuerAndForeignAudienceTokensAreAllRefused() {
        runner.run(context -> {
            JwtDecoder decoder = context.getBean(JwtDecoder.class);
            for (String forged : TestTokens.forged(1)) {
                assertThatThrownBy(() -> decoder.decode(forged)).as(forged).isInstanceOf(JwtException.class);
            }
            assertThatThrownBy(() -> decoder.decode("not.a.jwt")).isInstanceOf(JwtException.class);
        });
    }

    @Test
    void whenTheJwksEndpointIsDownNoTokenIsAccepted() {
        runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks.json")
                .run(context -> assertThatThrownBy(() -> context.getBean(JwtDecoder.class).decode(TestTokens.user(7)))
                        .isInstanceOf(JwtException.class));
    }
}
