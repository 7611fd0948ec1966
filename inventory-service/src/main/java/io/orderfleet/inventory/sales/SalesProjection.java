package io.orderfleet.inventory.sales;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one order event to the sales of each SKU, in one transaction with the record of the event's
 * id, so a redelivered event changes nothing:
 * <ul>
 * <li>{@code confirmed}: each line's units count as sold on the UTC day of the confirmation;</li>
 * <li>{@code cancelled}: an order whose confirmation was counted no longer counts (its units leave the
 * day they were counted on); a cancelled order that was never confirmed had nothing counted;</li>
 * <li>{@code created}, {@code rejected} and types this service does not know change no sales.</li>
 * </ul>
 */
@Service
class SalesProjection {

    enum Outcome { APPLIED, SKIPPED, DUPLICATE }

    private final ProcessedOrderEvents processed;
    private final OrderSales sales;

    SalesProjection(ProcessedOrderEvents processed, OrderSales sales) {
        this.processed = processed;
        this.sales = sales;
    }

    @Transactional
    Outcome apply(OrderEvent event) {
        if (processed.claim(event.id(), event.type()) == 0) {
            return Outcome.DUPLICATE;
        }
        switch (event.type()) {
            case OrderEvent.CONFIRMED -> {
                LocalDate day = LocalDate.ofInstant(event.time(), ZoneOffset.UTC);
                // an order has one line per SKU; should a publisher ever split one, the units still add up
                Map<String, Integer> units = new TreeMap<>();
                event.order().items().forEach(line -> units.merge(line.sku(), line.qty(), Integer::sum));
                units.forEach((sku, qty) -> sales.count(event.order().id(), sku, qty, day));
                return Outcome.APPLIED;
            }
            case OrderEvent.CANCELLED -> {
                sales.cancel(event.order().id(), LocalDate.ofInstant(event.time(), ZoneOffset.UTC));
                return Outcome.APPLIED;
            }
            default -> {
                return Outcome.SKIPPED;
            }
        }
    }
}
