package io.orderfleet.gateway.edge;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A circuit breaker per route around the proxied call. A service that refuses connections, times out
 * or is known to be down gets a quick 503 problem with Retry-After instead of a hang or a 500.
 */
@Component
class UpstreamBreakerFilter implements GlobalFilter, Ordered {

    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
            .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10)).permittedNumberOfCallsInHalfOpenState(3)
            .build());

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange)
                .transformDeferred(CircuitBreakerOperator.of(breakers.circuitBreaker(route.getId())))
                .onErrorResume(e -> {
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                    String detail = e instanceof CallNotPermittedException
                            ? "The " + route.getId() + " service is unavailable; try again shortly."
                            : "The " + route.getId() + " service did not answer; try again shortly.";
                    return EdgeProblems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
                });
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
