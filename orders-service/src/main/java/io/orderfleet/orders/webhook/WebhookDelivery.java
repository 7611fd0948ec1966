package io.orderfleet.orders.webhook;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * One event to one webhook. Most are created by the outbox fan-out and all are claimed and finished
 * by hand-written statements (a lease fenced by the claim's token, see {@link DeliveryRepository});
 * the entity is what the API reads, and how a ping's delivery is created.
 */
@Entity
@Table(name = "webhook_deliveries")
class WebhookDelivery implements Persistable<UUID> {

    @Id
    private UUID id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "webhook_id")
    private Webhook webhook;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "event_id")
    private OutboxEvent event;
    private String status;
    private int attempts;
    private Integer lastStatusCode;
    private String lastError;
    private Instant nextAttemptAt;
    private Instant deliveredAt;
    private Instant leaseUntil;
    private UUID leaseToken;
    private Instant createdAt;
    @Transient
    private boolean isNew;

    protected WebhookDelivery() {
    }

    /** A delivery due at once. */
    static WebhookDelivery due(Webhook webhook, OutboxEvent event) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID();
        delivery.webhook = webhook;
        delivery.event = event;
        delivery.status = "PENDING";
        delivery.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        delivery.nextAttemptAt = delivery.createdAt;
        delivery.isNew = true;
        return delivery;
    }

    WebhookDtos.DeliveryView view() {
        return new WebhookDtos.DeliveryView(id, event.getId(), event.type(), status, attempts, lastStatusCode, lastError,
                nextAttemptAt, deliveredAt);
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
    public UUID getId() {
        return id;
    }
}
