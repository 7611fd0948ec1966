package io.orderfleet.gateway.spa;

import io.orderfleet.gateway.edge.ManagementPort;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Serves the SPA: a client-side route (no file extension) gets index.html, never cached so a deploy
 * is picked up at once; hashed assets under /assets/ are immutable for a year; a missing file is a
 * real 404 (the static resource handler's), not index.html.
 */
@Component
@Order(-220)
class SpaFilter implements WebFilter {

    private final ManagementPort management;

    SpaFilter(ManagementPort management) {
        this.management = management;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (management.received(exchange)) {
            return chain.filter(exchange);
        }
        var request = exchange.getRequest();
        String path = request.getPath().value();
        if ((request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) || path.startsWith("/api/")
                || path.startsWith("/docs/api/") || path.startsWith("/.well-known/") || path.equals("/healthz")) {
            return chain.filter(exchange);
        }
        if (path.equals("/docs") || path.equals("/docs/")) {
            return chain.filter(rewrite(exchange, "/docs/index.html"));
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (!last.contains(".")) {
            exchange.getResponse().getHeaders().setCacheControl("no-cache");
            return chain.filter(rewrite(exchange, "/index.html"));
        }
        if (path.startsWith("/assets/")) {
            exchange.getResponse().beforeCommit(() -> {
                if (HttpStatus.OK.equals(exchange.getResponse().getStatusCode())) {
                    exchange.getResponse().getHeaders().setCacheControl("public, max-age=31536000, immutable");
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    private static ServerWebExchange rewrite(ServerWebExchange exchange, String path) {
        return exchange.mutate().request(r -> r.path(path)).build();
    }
}
