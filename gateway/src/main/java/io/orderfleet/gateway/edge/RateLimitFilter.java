package io.orderfleet.gateway.edge;

import java.net.InetSocketAddress;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Limits /api/**: per client address on /api/v1/auth/** (tighter), per user elsewhere. */
@Component
@Order(-230)
class RateLimitFilter implements WebFilter {

    private final RateLimiter limiter;
    private final GatewayProperties properties;

    RateLimitFilter(RateLimiter limiter, GatewayProperties properties) {
        this.limiter = limiter;
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        boolean auth = path.startsWith("/api/v1/auth/");
        Object userId = exchange.getAttribute(EdgeAuthFilter.USER_ATTRIBUTE);
        String subject = !auth && userId != null ? "user:" + userId : "addr:" + address(exchange);
        int limit = auth ? properties.rateLimits().authPerMinute() : properties.rateLimits().apiPerMinute();
        return limiter.hit(auth ? "auth" : "api", subject, limit).flatMap(decision -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            headers.set("X-RateLimit-Limit", Long.toString(decision.limit()));
            headers.set("X-RateLimit-Remaining", Long.toString(decision.remaining()));
            headers.set("X-RateLimit-Reset", Long.toString(decision.resetSeconds()));
            if (!decision.allowed()) {
                headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.resetSeconds()));
                return EdgeProblems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                        "Rate limit exceeded; retry after " + decision.resetSeconds() + " seconds.");
            }
            return chain.filter(exchange);
        });
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }
}
