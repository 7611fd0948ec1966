package io.orderfleet.common.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.TestTokens;
import jakarta.servlet.Filter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

/**
 * The whole servlet security chain of a service whose token issuer cannot be reached: a token that cannot
 * be checked is a 503 problem with Retry-After (Spring alone would answer 500), and it never gets through.
 */
class UnreachableIssuerTest {

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class WebSecurity {
    }

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FleetJwtAutoConfiguration.class,
                    org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration.class,
                    FleetSecurityAutoConfiguration.class))
            .withUserConfiguration(WebSecurity.class)
            .withPropertyValues("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:1/jwks.json",
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
                    "spring.security.oauth2.resourceserver.jwt.audiences=orderfleet-api");

    @Test
    void aTokenThatCannotBeCheckedBecauseTheIssuerIsDownIsA503WithRetryAfterAndNeverReachesTheApplication() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
            request.addHeader("Authorization", "Bearer " + TestTokens.admin(7));
            MockHttpServletResponse response = new MockHttpServletResponse();
            AtomicBoolean reached = new AtomicBoolean();

            chain.doFilter(request, response, (req, res) -> reached.set(true));

            assertThat(reached).isFalse();
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            assertThat(response.getContentAsString()).contains("\"status\":503");
        });
    }

    @Test
    void aForgedTokenIsStillA401WhileTheIssuerIsDown() {
        runner.run(context -> {
            Filter chain = context.getBean("springSecurityFilterChain", Filter.class);
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/things");
            request.addHeader("Authorization", "Bearer not-a-jwt");
            MockHttpServletResponse response = new MockHttpServletResponse();

            chain.doFilter(request, response, (req, res) -> { });

            assertThat(response.getStatus()).isEqualTo(401);
        });
    }
}
