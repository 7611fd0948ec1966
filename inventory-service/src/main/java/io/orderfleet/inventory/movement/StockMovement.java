package io.orderfleet.inventory.movement;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A row of the ledger: written once, in the transaction of the stock change it records, never changed. */
@Entity
@Table(name = "stock_movements")
class StockMovement {

    enum Kind {
        ADJUSTMENT, RESERVATION, RELEASE
    }

    /** Ids come 50 at a time from the sequence (V2), so a reservation's lines insert as one batch. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "stock_movements_ids")
    @SequenceGenerator(name = "stock_movements_ids", sequenceName = "stock_movements_id_seq", allocationSize = 50)
    private Long id;
    private String sku;
    private int delta;
    private String reason;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private UUID orderId;
    private String actorId;
    private Instant createdAt;

    protected StockMovement() {
    }

    StockMovement(String sku, int delta, String reason, Kind kind, UUID orderId, String actorId) {
        this.sku = sku;
        this.delta = delta;
        this.reason = reason;
        this.kind = kind;
        this.orderId = orderId;
        this.actorId = actorId;
        this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    Movement view() {
        return new Movement(id, sku, delta, reason, kind.name(), orderId, actorId, createdAt);
    }
}
