package io.orderfleet.inventory.reservation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One row per orderId, ever. Rows are created only by {@link ReservationRepository#claim} and
 * {@link ReservationRepository#tombstone} ({@code ON CONFLICT DO NOTHING}, so concurrent duplicates
 * serialise on the primary key); after that the entity only moves from ACTIVE to RELEASED. A RELEASED
 * row without {@code requestHash} is a tombstone: the order was released before it reserved.
 */
@Entity
@Table(name = "reservations")
class StockReservation {

    enum Status {
        ACTIVE, RELEASED
    }

    @Id
    private UUID orderId;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Column(updatable = false)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String requestHash;
    @Column(updatable = false)
    private Instant createdAt;
    private Instant releasedAt;

    protected StockReservation() {
    }

    UUID orderId() {
        return orderId;
    }

    Status status() {
        return status;
    }

    boolean isTombstone() {
        return requestHash == null;
    }

    boolean requested(String hash) {
        return hash.equals(requestHash);
    }

    void release() {
        if (status == Status.ACTIVE) {
            status = Status.RELEASED;
            releasedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        }
    }
}
