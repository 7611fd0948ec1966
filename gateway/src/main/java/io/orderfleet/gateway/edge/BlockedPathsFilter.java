package io.orderfleet.gateway.edge;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The services' /internal/** and /actuator/** never leave the private network: 404 at the edge (the
 * gateway's own actuator listens on the separate management port). Bodies over the limit get 413.
 */
@Component
@Order(-270)
class BlockedPathsFilter implements WebFilter {

    private final GatewayProperties properties;
    private final ManagementPort management;

    BlockedPathsFilter(GatewayProperties properties, ManagementPort management) {
        this.properties = properties;
        this.management = management;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (management.received(exchange)) {
            return chain.filter(exchange);
        }
        String path = exchange.getRequest().getPath().value();
        if (blocked(path)) {
            return EdgeProblems.write(exchange, HttpStatus.NOT_FOUND, "Not found", "No such resource.");
        }
        long length = exchange.getRequest().getHeaders().getContentLength();
        if (length > properties.maxBodyBytes()) {
            return EdgeProblems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                    "Request bodies are limited to " + properties.maxBodyBytes() + " bytes.");
        }
        return chain.filter(exchange);
    }

    static boolean blocked(String path) {
        String p = path.toLowerCase();
        return p.startsWith("/internal") || p.startsWith("/actuator") || p.contains("/../") || p.startsWith("/v3/");
    }
}
