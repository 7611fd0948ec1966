package io.orderfleet.orders.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Webhook delivery settings ({@code orderfleet.webhooks.*}, or the environment variables
 * {@code ORDERFLEET_WEBHOOKS_*}). Attempt n (n ≥ 1) that fails is retried after
 * {@code min(maxBackoff, initialBackoff × backoffMultiplier^(n-1))}, scaled by a random factor in
 * {@code [1 - jitter, 1 + jitter]}; after {@code maxAttempts} attempts the delivery is FAILED.
 *
 * @param allowPrivateTargets lets URLs resolve to loopback / private / unique-local addresses (local
 *        development and tests only); link-local, any-local and multicast are refused regardless
 * @param timeout the whole attempt (connect, send, response) must finish within it
 * @param pollInterval how often each instance looks for outbox events and due deliveries
 * @param lease how long a claimed delivery stays reserved to its claimant; must exceed the timeout
 * @param retention finished events (and their deliveries and attempts) older than this are purged
 */
@ConfigurationProperties("orderfleet.webhooks")
record WebhookProperties(
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration initialBackoff,
        @DefaultValue("3.0") double backoffMultiplier,
        @DefaultValue("6h") Duration maxBackoff,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("20") int batchSize,
        @DefaultValue("7d") Duration retention) {

    WebhookProperties {
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("orderfleet.webhooks.max-attempts must be between 1 and 50");
        }
        if (backoffMultiplier < 1.0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("orderfleet.webhooks.backoff-multiplier must be >= 1 and jitter in [0, 1)");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("orderfleet.webhooks.max-backoff must be >= initial-backoff >= 0");
        }
        if (timeout.isZero() || timeout.isNegative() || lease.compareTo(timeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("orderfleet.webhooks.lease must be at least twice the timeout");
        }
        if (batchSize < 1 || batchSize > 500) {
            throw new IllegalArgumentException("orderfleet.webhooks.batch-size must be between 1 and 500");
        }
    }
}
