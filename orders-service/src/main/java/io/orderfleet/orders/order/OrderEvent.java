package io.orderfleet.orders.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A fact appended to an order's trail, in the same transaction as the change it describes. Ids come
 * from a pooled sequence (50 per round trip); the trail is read in the order of {@code created_at},
 * which the database's clock stamps at insert, then id.
 */
@Entity
@Table(name = "order_events")
class OrderEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_events_ids")
    @SequenceGenerator(name = "order_events_ids", sequenceName = "order_events_id_seq", allocationSize = 50)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "order_id")
    private Order order;
    private String type;
    private String description;
    private String oldValue;
    private String newValue;
    private String actorId;
    @Column(insertable = false, updatable = false)
    private Instant createdAt;

    protected OrderEvent() {
    }

    OrderEvent(Order order, String type, String description, String oldValue, String newValue, String actorId) {
        this.order = order;
        this.type = type;
        this.description = description;
        this.oldValue = oldValue;
        this.newValue = newValue;
        this.actorId = actorId;
    }

    String type() {
        return type;
    }

    String description() {
        return description;
    }
}
