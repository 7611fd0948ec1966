package io.orderfleet.users.ordertotals;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one order event to its user's orders ({@link OrderTotals} says what counts), in one
 * transaction with the record of the event's id, so a redelivered event changes nothing. Every known
 * type records the order (an event of an order whose earlier events were never seen still counts it);
 * types this service does not know change nothing.
 */
@Service
class OrderTotalsProjection {

    enum Outcome { APPLIED, SKIPPED, DUPLICATE }

    private final ProcessedOrderEvents processed;
    private final CustomerOrders orders;

    OrderTotalsProjection(ProcessedOrderEvents processed, CustomerOrders orders) {
        this.processed = processed;
        this.orders = orders;
    }

    @Transactional
    Outcome apply(OrderEvent event) {
        if (processed.claim(event.id(), event.type()) == 0) {
            return Outcome.DUPLICATE;
        }
        if (event.order() == null) {
            return Outcome.SKIPPED;
        }
        OrderEvent.Order order = event.order();
        orders.record(order.id(), order.userId(), order.createdAt(), order.totalCents(),
                OrderEvent.CONFIRMED.equals(event.type()), OrderEvent.CANCELLED.equals(event.type()));
        return Outcome.APPLIED;
    }
}
