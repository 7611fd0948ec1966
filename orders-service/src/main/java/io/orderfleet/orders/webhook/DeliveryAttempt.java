package io.orderfleet.orders.webhook;

import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/** One attempt of a delivery, as it happened. Its key makes recording the same attempt twice impossible. */
@Entity
@Table(name = "webhook_delivery_attempts")
@IdClass(DeliveryAttempt.Id.class)
class DeliveryAttempt implements Persistable<DeliveryAttempt.Id> {

    record Id(UUID deliveryId, int attempt) {
    }

    @jakarta.persistence.Id
    private UUID deliveryId;
    @jakarta.persistence.Id
    private int attempt;
    private Integer statusCode;
    private String error;
    private Instant attemptedAt;
    private int durationMs;
    private Instant nextAttemptAt;
    @Transient
    private boolean isNew;

    protected DeliveryAttempt() {
    }

    DeliveryAttempt(UUID deliveryId, int attempt, AttemptOutcome outcome, String error, Instant nextAttemptAt) {
        this.deliveryId = deliveryId;
        this.attempt = attempt;
        this.statusCode = outcome.statusCode();
        this.error = error;
        this.attemptedAt = outcome.attemptedAt();
        this.durationMs = (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis());
        this.nextAttemptAt = nextAttemptAt;
        this.isNew = true;
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @Override
    public Id getId() {
        return new Id(deliveryId, attempt);
    }
}
