package io.orderfleet.common.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwksUri where users-service publishes its public keys
 * @param issuer the {@code iss} every token must carry
 * @param publicPaths paths reachable without a token (besides health, info, prometheus and API docs)
 * @param internalScope the scope a service token needs for {@code /internal/**}; empty means nobody
 */
@ConfigurationProperties("orderfleet.security")
public record FleetSecurityProperties(
        @DefaultValue("http://localhost:8081/.well-known/jwks.json") URI jwksUri,
        @DefaultValue("orderfleet-users") String issuer,
        @DefaultValue List<String> publicPaths,
        @DefaultValue("") String internalScope) {
}
