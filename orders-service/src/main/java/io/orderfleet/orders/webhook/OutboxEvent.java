package io.orderfleet.orders.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * One order change (or ping) to tell the webhooks about, written in the transaction of the change.
 * {@code body} is the exact JSON sent and signed. {@code created_at} is stamped by the database's
 * clock at insert (it orders the outbox); fan-out and purge are hand-written statements.
 */
@Entity
@Table(name = "outbox_events")
class OutboxEvent implements Persistable<UUID> {

    @Id
    private UUID id;
    private String type;
    private UUID orderId;
    private String body;
    @Column(insertable = false, updatable = false)
    private Instant createdAt;
    private Instant dispatchedAt;
    private String traceparent;
    @Transient
    private boolean isNew = true;

    protected OutboxEvent() {
    }

    private OutboxEvent(UUID id, String type, UUID orderId, String body, Instant dispatchedAt, String traceparent) {
        this.id = id;
        this.type = type;
        this.orderId = orderId;
        this.body = body;
        this.dispatchedAt = dispatchedAt;
        this.traceparent = traceparent;
    }

    static OutboxEvent orderChange(UUID id, String type, UUID orderId, String body) {
        return orderChange(id, type, orderId, body, null);
    }

    /** @param traceparent the W3C trace context of the change, for the Kafka record's headers; null when untraced */
    static OutboxEvent orderChange(UUID id, String type, UUID orderId, String body, String traceparent) {
        return new OutboxEvent(id, type, orderId, body, null, traceparent);
    }

    /**
     * A ping of one webhook: its delivery is created with it. No webhook subscribes to pings, so the
     * fan-out only marks it dispatched.
     */
    static OutboxEvent ping(UUID id, String body) {
        return new OutboxEvent(id, "webhook.ping", null, body, null, null);
    }

    String type() {
        return type;
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
