package io.orderfleet.inventory.sales;

import io.orderfleet.common.events.OrderEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The sales changes of a poll's events, folded so that one statement writes all the counted lines and one
 * takes back all the cancelled orders, each row once, with the effect of applying the events one by one:
 * the first confirmation of a line counts (a later one would find the row), the first cancellation of an
 * order sets the day. Lines are written before cancellations, which is the events' order as long as no
 * order is confirmed after it was cancelled in the same poll: {@link #cancels} tells the caller to
 * {@link #writeTo write} first then. Rows are written in key order (the same lock order everywhere).
 */
final class SalesChanges {

    private record Line(UUID orderId, String sku) {
    }

    private record Sale(int qty, LocalDate day) {
    }

    private final Map<Line, Sale> counted = new TreeMap<>(Comparator.comparing(Line::orderId).thenComparing(Line::sku));
    private final Map<UUID, LocalDate> cancelled = new TreeMap<>();

    void confirm(OrderEvent event) {
        LocalDate day = LocalDate.ofInstant(event.time(), ZoneOffset.UTC);
        // an order has one line per SKU; should a publisher ever split one, the units still add up
        Map<String, Integer> units = new TreeMap<>();
        event.order().items().forEach(line -> units.merge(line.sku(), line.qty(), Integer::sum));
        units.forEach((sku, qty) -> counted.putIfAbsent(new Line(event.order().id(), sku), new Sale(qty, day)));
    }

    void cancel(OrderEvent event) {
        cancelled.putIfAbsent(event.order().id(), LocalDate.ofInstant(event.time(), ZoneOffset.UTC));
    }

    boolean cancels(UUID orderId) {
        return cancelled.containsKey(orderId);
    }

    void writeTo(OrderSales sales) {
        if (!counted.isEmpty()) {
            sales.count(counted.keySet().stream().map(Line::orderId).toArray(UUID[]::new),
                    counted.keySet().stream().map(Line::sku).toArray(String[]::new),
                    counted.values().stream().map(Sale::qty).toArray(Integer[]::new),
                    counted.values().stream().map(Sale::day).toArray(LocalDate[]::new));
        }
        if (!cancelled.isEmpty()) {
            sales.cancel(cancelled.keySet().toArray(UUID[]::new), cancelled.values().toArray(LocalDate[]::new));
        }
        counted.clear();
        cancelled.clear();
    }
}
