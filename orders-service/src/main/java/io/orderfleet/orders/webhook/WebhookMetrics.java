package io.orderfleet.orders.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * {@code webhooks_deliveries_succeeded_total} / {@code webhooks_deliveries_failed_total} (deliveries that
 * ended), {@code webhooks_attempts_total{outcome}} and {@code webhooks_outbox_lag_seconds}: the age of
 * the oldest event still to be delivered, read from the database at each scrape.
 */
@Component
class WebhookMetrics {

    private static final Logger log = LoggerFactory.getLogger(WebhookMetrics.class);

    private final MeterRegistry meters;
    private final Counter succeeded;
    private final Counter failed;

    WebhookMetrics(MeterRegistry meters, OutboxEventRepository outbox) {
        this.meters = meters;
        this.succeeded = Counter.builder("webhooks.deliveries.succeeded")
                .description("webhook deliveries acknowledged with a 2xx").register(meters);
        this.failed = Counter.builder("webhooks.deliveries.failed")
                .description("webhook deliveries given up after the last attempt").register(meters);
        Gauge.builder("webhooks.outbox.lag", outbox, WebhookMetrics::lag).baseUnit("seconds")
                .description("age of the oldest outbox event not yet delivered to every subscriber").register(meters);
    }

    void succeeded() {
        succeeded.increment();
    }

    void failed() {
        failed.increment();
    }

    void attempt(AttemptOutcome outcome) {
        meters.counter("webhooks.attempts", "outcome", outcome.kind()).increment();
    }

    private static double lag(OutboxEventRepository outbox) {
        try {
            Double age = outbox.oldestUndeliveredAgeSeconds();
            return age == null ? 0 : Math.max(0, age);
        } catch (DataAccessException e) {
            log.debug("Outbox lag unavailable: {}", e.getMessage());
            return Double.NaN;
        }
    }
}
