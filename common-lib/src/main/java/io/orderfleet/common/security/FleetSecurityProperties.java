package io.orderfleet.common.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which paths of a servlet service need which caller. Where tokens come from and how they are checked
 * (JWKS URI, issuer, audiences) is Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}.
 *
 * @param publicPaths paths reachable without a token (besides health, info, prometheus and API docs)
 * @param internalScope the scope a service token needs for {@code /internal/**}; empty means nobody
 */
@ConfigurationProperties("orderfleet.security")
public record FleetSecurityProperties(
        @DefaultValue List<String> publicPaths,
        @DefaultValue("") String internalScope) {
}
