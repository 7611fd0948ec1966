package io.orderfleet.inventory.sales;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

/**
 * A counted sale: one SKU line of a confirmed order, on the UTC day of the confirmation. Its existence
 * is how the projection knows that a cancellation takes back units it counted. Written only by the
 * statements of {@link OrderSales}.
 */
@Entity
@Table(name = "order_sales")
@IdClass(OrderSale.Key.class)
class OrderSale {

    @Id
    private UUID orderId;
    @Id
    private String sku;
    private int qty;
    private LocalDate soldOn;
    private LocalDate cancelledOn;

    protected OrderSale() {
    }

    static class Key implements Serializable {
        private UUID orderId;
        private String sku;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(orderId, k.orderId) && Objects.equals(sku, k.sku);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orderId, sku);
        }
    }
}
