package io.orderfleet.orders.webhook;

import java.time.Duration;

/** When to try again after a failed attempt: exponential, capped, with jitter so receivers are not hit in waves. */
final class Backoff {

    private final WebhookProperties properties;

    Backoff(WebhookProperties properties) {
        this.properties = properties;
    }

    /** The nominal delay after failed attempt {@code attempt} (1-based), before jitter. */
    Duration nominal(int attempt) {
        double millis = properties.initialBackoff().toMillis() * Math.pow(properties.backoffMultiplier(), attempt - 1);
        return Duration.ofMillis((long) Math.min(properties.maxBackoff().toMillis(), millis));
    }

    /** @param random uniform in [0, 1) */
    Duration after(int attempt, double random) {
        double factor = 1 + properties.jitter() * (2 * random - 1);
        return Duration.ofMillis(Math.round(nominal(attempt).toMillis() * factor));
    }
}
