package io.orderfleet.orders.order;

import jakarta.persistence.Embeddable;

/**
 * One line of an order, the order's own type: a SKU and quantity as asked for, with inventory's name
 * and unit price once the reservation priced it (both null until then, and for orders that were never
 * confirmed). Inventory's client records are mapped to and from it at the HTTP edge.
 */
@Embeddable
public record OrderLine(String sku, String name, int qty, Long unitPriceCents) {

    static OrderLine requested(String sku, int qty) {
        return new OrderLine(sku, null, qty, null);
    }

    static OrderLine priced(String sku, String name, int qty, long unitPriceCents) {
        return new OrderLine(sku, name, qty, unitPriceCents);
    }

    public Long lineTotalCents() {
        return unitPriceCents == null ? null : unitPriceCents * qty;
    }
}
