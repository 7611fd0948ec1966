package io.orderfleet.gateway.edge;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.RouteMetadataUtils;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A circuit breaker per route around the proxied call, and the problem a client gets when the call fails:
 * <ul>
 * <li>the upstream did not send its response headers within the route's response timeout
 * ({@code orderfleet.gateway.route-response-timeout-ms}): <b>504</b>. The request reached the service and
 * may still take effect, so no Retry-After: the client repeats it (with the same Idempotency-Key) to learn
 * its outcome;</li>
 * <li>the upstream refused the connection, closed it, could not be reached, or its breaker is open: a quick
 * <b>503</b> with Retry-After.</li>
 * </ul>
 * Both count as failures for the breaker. Never a hang or a 500.
 */
@Component
class UpstreamBreakerFilter implements GlobalFilter, Ordered {

    /** The attribute Spring Cloud Gateway marks its stopped client observation with. */
    private static final String OBSERVATION_STOPPED = "gateway.observation.stopped";

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
                    closeClientObservation(exchange, e);
                    if (timedOut(e)) {
                        return EdgeProblems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "Gateway timeout",
                                "The " + route.getId() + " service did not answer within " + timeout(route)
                                        + "; the request may still take effect. Repeat it (with the same "
                                        + "Idempotency-Key, if it had one) to learn its outcome.");
                    }
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                    String detail = e instanceof CallNotPermittedException
                            ? "The " + route.getId() + " service is unavailable; try again shortly."
                            : "The " + route.getId() + " service did not answer; try again shortly.";
                    return EdgeProblems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
                });
    }

    /** Spring Cloud Gateway's routing filter raises a 504 {@link ResponseStatusException} on its response timeout. */
    static boolean timedOut(Throwable e) {
        return e instanceof ResponseStatusException rse && rse.getStatusCode().value() == 504
                || e instanceof TimeoutException;
    }

    /**
     * Spring Cloud Gateway stops its client observation of the upstream call (its span) when the response
     * headers arrive, or in its web exception handler; the error answered here never gets there, so the span
     * is ended here, with the error, as that handler would.
     */
    private static void closeClientObservation(ServerWebExchange exchange, Throwable e) {
        if (exchange.getAttribute(OBSERVATION_STOPPED) == null
                && exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_OBSERVATION_ATTR) instanceof Observation observation) {
            exchange.getAttributes().put(OBSERVATION_STOPPED, "true");
            observation.error(e);
            observation.stop();
        }
    }

    private static String timeout(Route route) {
        Object millis = route.getMetadata().get(RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR);
        return millis == null ? "the gateway's timeout" : millis + " ms";
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
