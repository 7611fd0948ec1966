package io.orderfleet.orders.clients;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Resilience4j around every call to a peer: a bulkhead (bounded concurrency), a circuit breaker
 * (fail fast while a peer is down) and one retry for connection failures and a refused service token
 * ({@link PeerClientsConfig}). Every call made here is
 * idempotent (reads, reserve keyed by orderId, release), so a retry can never double an effect.
 * Business answers (409, 422) are successes for the breaker; only unavailability counts.
 */
@Component
@EnableConfigurationProperties(Resilience.Settings.class)
public class Resilience {

    @ConfigurationProperties("orderfleet.resilience")
    public record Settings(@DefaultValue("20") int slidingWindow, @DefaultValue("10") int minimumCalls,
            @DefaultValue("50") float failureRatePercent, @DefaultValue("10s") Duration waitInOpen,
            @DefaultValue("2s") Duration slowCall, @DefaultValue("32") int maxConcurrentCalls,
            @DefaultValue("2") int retryAttempts) {
    }

    private final CircuitBreakerRegistry breakers;
    private final BulkheadRegistry bulkheads;
    private final RetryRegistry retries;

    Resilience(Settings settings, MeterRegistry meters) {
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowSize(settings.slidingWindow())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .slowCallDurationThreshold(settings.slowCall())
                .waitDurationInOpenState(settings.waitInOpen())
                .permittedNumberOfCallsInHalfOpenState(2)
                .recordExceptions(PeerUnavailableException.class)
                .build());
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls()).maxWaitDuration(Duration.ofMillis(50)).build());
        this.retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(settings.retryAttempts())
                .waitDuration(Duration.ofMillis(100))
                .retryOnException(e -> e instanceof PeerUnavailableException.TokenRefused
                        || e instanceof PeerUnavailableException p && p.getCause() instanceof java.net.ConnectException)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
    }

    public <T> T call(String peer, Supplier<T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(peer);
        Bulkhead bulkhead = bulkheads.bulkhead(peer);
        Retry retry = retries.retry(peer);
        Supplier<T> decorated = Retry.decorateSupplier(retry,
                CircuitBreaker.decorateSupplier(breaker, Bulkhead.decorateSupplier(bulkhead, call)));
        try {
            return decorated.get();
        } catch (CallNotPermittedException e) {
            throw new PeerUnavailableException(peer + " circuit breaker is open", e);
        } catch (BulkheadFullException e) {
            throw new PeerUnavailableException(peer + " has too many calls in flight", e);
        }
    }

    public boolean isOpen(String peer) {
        CircuitBreaker.State state = breakers.circuitBreaker(peer).getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    /** Closes a peer's breaker (operations, and tests that must not leak an open breaker). */
    public void reset(String peer) {
        breakers.circuitBreaker(peer).reset();
    }
}
