package io.orderfleet.inventory.stats;

/** Live (not archived) items: how many, how many units can be sold, how many have none. */
public record StockTotals(long skus, long units, long outOfStock) {
}
