package io.orderfleet.users.ordertotals;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An order event this service has applied (or knowingly skipped); written only by {@link ProcessedOrderEvents#claim}. */
@Entity
@Table(name = "processed_order_events")
class ProcessedOrderEvent {

    @Id
    private UUID eventId;
    private String type;
    private Instant processedAt;

    protected ProcessedOrderEvent() {
    }
}
