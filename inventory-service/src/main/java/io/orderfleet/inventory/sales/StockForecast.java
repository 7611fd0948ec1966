package io.orderfleet.inventory.sales;

import java.time.LocalDate;
import java.util.List;

/**
 * How fast a SKU sells and when it runs out at that rate. Over the last {@code windowDays} UTC days
 * (today included): {@code unitsSold} counted from confirmed orders not cancelled since, their average
 * per day, and {@code daysUntilOut} = whole days until {@code available} reaches zero at that average
 * (0 when nothing is available, null when nothing sold in the window). {@code salesPerDay} lists the
 * days with sales, oldest first.
 */
public record StockForecast(String sku, int available, int windowDays, long unitsSold, double unitsSoldPerDay,
        Long daysUntilOut, List<DailySales> salesPerDay) {

    public record DailySales(LocalDate date, long units) {
    }

    static StockForecast of(String sku, int available, int windowDays, List<DailySales> salesPerDay) {
        long sold = salesPerDay.stream().mapToLong(DailySales::units).sum();
        double perDay = Math.round(sold * 100.0 / windowDays) / 100.0;
        Long daysUntilOut = sold == 0 ? null : (long) available * windowDays / sold;
        return new StockForecast(sku, available, windowDays, sold, perDay, daysUntilOut, List.copyOf(salesPerDay));
    }
}
