package io.orderfleet.gateway.edge;

import io.orderfleet.common.security.FleetJwtAuthenticationConverter;
import io.orderfleet.common.security.FleetPrincipal;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The edge check: the gateway is an OAuth2 resource server for everything under /api/ except
 * /api/v1/auth/** (the services check again). It is Spring Security's bearer-token authentication
 * ({@link ServerBearerTokenAuthenticationConverter}, {@link JwtReactiveAuthenticationManager} on the
 * {@link ReactiveJwtDecoder} of {@link EdgeSecurityConfig}) as one web filter placed before the rate
 * limiter, which limits per signed-in user; the rest of the gateway needs no security filter chain.
 * Only user tokens pass (the decoder accepts the user audience only); anything else is a 401 problem.
 */
@Component
@Order(-240)
public class EdgeAuthFilter extends AuthenticationWebFilter {

    public static final String USER_ATTRIBUTE = "orderfleet.userId";

    public EdgeAuthFilter(ReactiveJwtDecoder decoder, FleetJwtAuthenticationConverter claims) {
        super(authenticationManager(decoder, claims));
        setRequiresAuthenticationMatcher(EdgeAuthFilter::guarded);
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        setServerAuthenticationConverter(exchange -> bearer.convert(exchange).switchIfEmpty(
                Mono.error(() -> new AuthenticationCredentialsNotFoundException("no bearer token"))));
        setAuthenticationSuccessHandler((webFilterExchange, authentication) -> {
            ServerWebExchange exchange = webFilterExchange.getExchange();
            if (!(authentication.getPrincipal() instanceof FleetPrincipal principal) || principal.service()) {
                return unauthorized(exchange, "Service tokens are not accepted here.");
            }
            exchange.getAttributes().put(USER_ATTRIBUTE, principal.userId());
            return webFilterExchange.getChain().filter(exchange);
        });
        // a token that cannot be checked (JWKS unreachable) is refused like a bad one: never a 500
        setAuthenticationFailureHandler((webFilterExchange, e) -> unauthorized(webFilterExchange.getExchange(),
                e instanceof AuthenticationCredentialsNotFoundException ? "A valid access token is required."
                        : "The access token is invalid or expired."));
    }

    private static JwtReactiveAuthenticationManager authenticationManager(ReactiveJwtDecoder decoder,
            FleetJwtAuthenticationConverter claims) {
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
        manager.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(claims::convert));
        return manager;
    }

    private static Mono<MatchResult> guarded(ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        return path.startsWith("/api/") && !path.startsWith("/api/v1/auth/") ? MatchResult.match() : MatchResult.notMatch();
    }

    static Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return EdgeProblems.write(exchange, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
    }
}
