package io.orderfleet.gateway.edge;

import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.common.security.InvalidTokenException;
import io.orderfleet.common.security.JwksTokenVerifier;
import io.orderfleet.common.security.TokenVerifier;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies user access tokens at the edge for everything under /api/ except /api/v1/auth/** (the
 * services verify again). Service tokens are for /internal/** only and never pass here. Verification
 * may fetch the JWKS over HTTP, so it runs off the event loop.
 */
@Component
@Order(-240)
public class EdgeAuthFilter implements WebFilter {

    public static final String USER_ATTRIBUTE = "orderfleet.userId";

    private final TokenVerifier verifier;
    private final VerifiedTokens verified = new VerifiedTokens(50_000, Duration.ofMinutes(1), Clock.systemUTC());

    public EdgeAuthFilter(@Value("${orderfleet.security.jwks-uri:${orderfleet.users-url}/.well-known/jwks.json}") URI jwksUri,
            @Value("${orderfleet.security.issuer:orderfleet-users}") String issuer) {
        this.verifier = new JwksTokenVerifier(jwksUri, issuer);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/") || path.startsWith("/api/v1/auth/")) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return unauthorized(exchange, "A valid access token is required.");
        }
        String token = header.substring(7).trim();
        FleetPrincipal known = verified.get(token);
        if (known != null) {
            return proceed(known, exchange, chain);
        }
        return Mono.fromCallable(() -> verifier.verify(token))
                .subscribeOn(Schedulers.boundedElastic())
                .doOnNext(principal -> verified.put(token, principal))
                .flatMap(principal -> proceed(principal, exchange, chain))
                .onErrorResume(InvalidTokenException.class,
                        e -> unauthorized(exchange, "The access token is invalid or expired."));
    }

    private static Mono<Void> proceed(FleetPrincipal principal, ServerWebExchange exchange, WebFilterChain chain) {
        if (principal.service()) {
            return unauthorized(exchange, "Service tokens are not accepted here.");
        }
        exchange.getAttributes().put(USER_ATTRIBUTE, principal.userId());
        return chain.filter(exchange);
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return EdgeProblems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }
}
