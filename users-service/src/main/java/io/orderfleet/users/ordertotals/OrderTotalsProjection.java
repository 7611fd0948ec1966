package io.orderfleet.users.ordertotals;

import io.orderfleet.common.events.OrderEvent;
import io.orderfleet.common.events.OrderEventClaims;
import io.orderfleet.common.events.OrderEventProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the order events of a poll to their users' orders ({@link OrderTotals} says what counts), in
 * one transaction with the record of the events' ids, so a redelivered event (or a copy within the poll)
 * changes nothing. Every known type records the order (an event of an order whose earlier events were
 * never seen still counts it); types this service does not know change nothing. Statements per poll: one
 * claim of the ids and one upsert of the orders, in order id order ({@link OrderChange}).
 */
@Service
class OrderTotalsProjection implements OrderEventProjection {

    private final ProcessedOrderEvents processed;
    private final CustomerOrders orders;

    OrderTotalsProjection(ProcessedOrderEvents processed, CustomerOrders orders) {
        this.processed = processed;
        this.orders = orders;
    }

    @Override
    @Transactional
    public List<Outcome> apply(List<OrderEvent> events) {
        Set<UUID> claimed = OrderEventClaims.claim(events, processed::claim);
        Map<UUID, OrderChange> changes = new TreeMap<>();
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (OrderEvent event : events) {
            if (!claimed.remove(event.id())) {
                outcomes.add(Outcome.DUPLICATE);
            } else if (event.order() == null) {
                outcomes.add(Outcome.SKIPPED);
            } else {
                changes.merge(event.order().id(), OrderChange.of(event), OrderChange::then);
                outcomes.add(Outcome.APPLIED);
            }
        }
        if (!changes.isEmpty()) {
            OrderChange.record(changes.values(), orders);
        }
        return outcomes;
    }
}
