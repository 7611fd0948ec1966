package io.orderfleet.inventory.sales;

import io.orderfleet.common.events.OrderEvent;
import io.orderfleet.common.events.OrderEventClaims;
import io.orderfleet.common.events.OrderEventProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies the order events of a poll to the sales of each SKU, in one transaction with the record of the
 * events' ids, so a redelivered event (or a copy within the poll) changes nothing:
 * <ul>
 * <li>{@code confirmed}: each line's units count as sold on the UTC day of the confirmation;</li>
 * <li>{@code cancelled}: an order whose confirmation was counted no longer counts (its units leave the
 * day they were counted on); a cancelled order that was never confirmed had nothing counted;</li>
 * <li>{@code created}, {@code rejected} and types this service does not know change no sales.</li>
 * </ul>
 * Statements per poll: one claim of the ids, then one insert of the counted lines and one update of the
 * cancelled orders ({@link SalesChanges}).
 */
@Service
class SalesProjection implements OrderEventProjection {

    private final ProcessedOrderEvents processed;
    private final OrderSales sales;

    SalesProjection(ProcessedOrderEvents processed, OrderSales sales) {
        this.processed = processed;
        this.sales = sales;
    }

    @Override
    @Transactional
    public List<Outcome> apply(List<OrderEvent> events) {
        Set<UUID> claimed = OrderEventClaims.claim(events, processed::claim);
        SalesChanges changes = new SalesChanges();
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (OrderEvent event : events) {
            if (!claimed.remove(event.id())) {
                outcomes.add(Outcome.DUPLICATE);
                continue;
            }
            switch (event.type()) {
                case OrderEvent.CONFIRMED -> {
                    if (changes.cancels(event.order().id())) {
                        changes.writeTo(sales);
                    }
                    changes.confirm(event);
                    outcomes.add(Outcome.APPLIED);
                }
                case OrderEvent.CANCELLED -> {
                    changes.cancel(event);
                    outcomes.add(Outcome.APPLIED);
                }
                default -> outcomes.add(Outcome.SKIPPED);
            }
        }
        changes.writeTo(sales);
        return outcomes;
    }
}
