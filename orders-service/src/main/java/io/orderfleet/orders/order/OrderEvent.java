package io.orderfleet.orders.order;

/** A fact to append to an order's trail, in the same transaction as the change it describes. */
record OrderEvent(String type, String description, String oldValue, String newValue, String actorId) {
}
