package io.orderfleet.inventory.stats;

import io.orderfleet.inventory.item.Item;
import io.orderfleet.inventory.sales.StockForecasts;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

@Service
class StatsService {

    /** The dashboard shows a short list; the full picture is the filtered item list. */
    static final int LOW_STOCK_LIMIT = 50;

    private final StockStatsRepository stats;
    private final StockForecasts forecasts;

    StatsService(StockStatsRepository stats, StockForecasts forecasts) {
        this.stats = stats;
        this.forecasts = forecasts;
    }

    /** One snapshot, so the totals and the low-stock list describe the same moment. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public InventoryStats stats(int lowStockThreshold) {
        StockTotals totals = stats.totals();
        var lowStock = stats.lowStock(lowStockThreshold, Limit.of(LOW_STOCK_LIMIT)).stream().map(Item::view).toList();
        return new InventoryStats(totals.skus(), totals.units(), totals.outOfStock(), lowStock,
                forecasts.forecasts(lowStock, forecasts.defaultWindowDays()));
    }
}
