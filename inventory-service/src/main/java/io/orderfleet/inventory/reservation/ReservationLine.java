package io.orderfleet.inventory.reservation;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;
import org.springframework.data.domain.Persistable;

/**
 * What a reservation holds of one SKU, with the name and price at the time of reserving. Written
 * once; {@link Persistable} tells Spring Data a new line is new (its id is assigned), so saving lines
 * is a batched INSERT without a SELECT per row.
 */
@Entity
@Table(name = "reservation_lines")
@IdClass(ReservationLine.Key.class)
class ReservationLine implements Persistable<ReservationLine.Key> {

    static final class Key implements Serializable {
        private UUID orderId;
        private String sku;

        Key() {
        }

        Key(UUID orderId, String sku) {
            this.orderId = orderId;
            this.sku = sku;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(orderId, k.orderId) && Objects.equals(sku, k.sku);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, sku);
        }
    }

    @Id
    private UUID orderId;
    @Id
    private String sku;
    private String name;
    private int qty;
    private long unitPriceCents;
    @Transient
    private boolean isNew = true;

    protected ReservationLine() {
    }

    ReservationLine(UUID orderId, String sku, String name, int qty, long unitPriceCents) {
        this.orderId = orderId;
        this.sku = sku;
        this.name = name;
        this.qty = qty;
        this.unitPriceCents = unitPriceCents;
    }

    String sku() {
        return sku;
    }

    int qty() {
        return qty;
    }

    ReservationDtos.ReservedLine view() {
        return new ReservationDtos.ReservedLine(sku, name, qty, unitPriceCents);
    }

    @Override
    public Key getId() {
        return new Key(orderId, sku);
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        isNew = false;
    }
}
