package io.orderfleet.users.ordertotals;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * An order a user placed, as its events told it: whether it was ever confirmed and whether it was
 * cancelled. Written only by {@link CustomerOrders#record}, which merges each event into the row.
 */
@Entity
@Table(name = "customer_orders")
class CustomerOrder {

    @Id
    private UUID orderId;
    private long userId;
    private Instant placedAt;
    private long totalCents;
    private boolean confirmed;
    private boolean cancelled;

    protected CustomerOrder() {
    }
}
