package io.orderfleet.gateway.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * One structured access-log line per request (JSON with the service's log format), with the request id and
 * the W3C trace id (absent when tracing is off), so a slow or failed request leads to its trace.
 */
@Component
@Order(-290)
class AccessLogFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("orderfleet.access");

    private final ManagementPort management;

    AccessLogFilter(ManagementPort management) {
        this.management = management;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (management.received(exchange)) {
            return chain.filter(exchange);
        }
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            var status = exchange.getResponse().getStatusCode();
            log.atInfo()
                    .addKeyValue("method", exchange.getRequest().getMethod().name())
                    .addKeyValue("path", exchange.getRequest().getPath().value())
                    .addKeyValue("status", status == null ? 0 : status.value())
                    .addKeyValue("durationMs", (System.nanoTime() - start) / 1_000_000)
                    .addKeyValue("requestId", (Object) exchange.getAttribute(RequestIdFilter.ATTRIBUTE))
                    .addKeyValue("traceId", TraceIds.traceId(exchange))
                    .addKeyValue("userId", (Object) exchange.getAttribute(EdgeAuthFilter.USER_ATTRIBUTE))
                    .addKeyValue("upstream", route == null ? null : route.getId())
                    .log("{} {} {}", exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
                            status == null ? 0 : status.value());
        });
    }
}
