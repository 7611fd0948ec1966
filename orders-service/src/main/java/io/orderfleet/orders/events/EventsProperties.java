package io.orderfleet.orders.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka relay's settings ({@code orderfleet.events.*}, or {@code ORDERFLEET_EVENTS_*}); the broker
 * and producer are Boot's {@code spring.kafka.*}. A failed batch pauses the relay for
 * {@code min(maxBackoff, initialBackoff × 2^(failures-1))}.
 *
 * @param topic the order topic of the event contract (docs/events.md)
 * @param pollInterval how often each instance looks for unpublished outbox events
 * @param batchSize events claimed per batch (one per order at most, so per-order order always holds)
 * @param sendTimeout how long a batch waits for the broker's acknowledgements before it counts as failed
 */
@ConfigurationProperties("orderfleet.events")
record EventsProperties(
        @DefaultValue("orderfleet.orders.v1") String topic,
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("20s") Duration sendTimeout,
        @DefaultValue("1s") Duration initialBackoff,
        @DefaultValue("30s") Duration maxBackoff) {

    EventsProperties {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("orderfleet.events.topic must be set");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("orderfleet.events.batch-size must be between 1 and 1000");
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("orderfleet.events.max-backoff must be >= initial-backoff >= 0");
        }
    }

    Duration backoffAfter(int failures) {
        long millis = initialBackoff.toMillis() << Math.min(20, Math.max(0, failures - 1));
        return Duration.ofMillis(Math.min(maxBackoff.toMillis(), millis));
    }
}
