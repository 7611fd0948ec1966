package io.orderfleet.orders.webhook;

import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Records one attempt and the delivery's new state in one transaction, under the claim that made it. */
@Component
class AttemptRecorder {

    private final DeliveryRepository deliveries;
    private final DeliveryAttemptRepository attempts;

    AttemptRecorder(DeliveryRepository deliveries, DeliveryAttemptRepository attempts) {
        this.deliveries = deliveries;
        this.attempts = attempts;
    }

    /**
     * False (and nothing written) when the lease was lost to another claimant or the webhook was deleted.
     *
     * @param nextAttemptAt null when the delivery is finished (SUCCEEDED or FAILED)
     */
    @Transactional
    boolean record(DueDelivery delivery, UUID token, AttemptOutcome outcome, String status, Instant nextAttemptAt) {
        String error = truncate(outcome.error());
        Instant delivered = "SUCCEEDED".equals(status) ? outcome.attemptedAt() : null;
        if (deliveries.finishAttempt(delivery.id(), token, delivery.attempts(), status, outcome.statusCode(), error,
                nextAttemptAt, delivered) == 0) {
            return false;
        }
        attempts.save(new DeliveryAttempt(delivery.id(), delivery.attempts() + 1, outcome, error, nextAttemptAt));
        return true;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }
}
