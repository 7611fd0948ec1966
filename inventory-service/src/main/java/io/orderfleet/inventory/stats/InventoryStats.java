package io.orderfleet.inventory.stats;

import io.orderfleet.inventory.item.ItemView;
import io.orderfleet.inventory.sales.StockForecast;
import java.util.List;

/**
 * The admin dashboard's view of stock over live (not archived) items: {@code totalUnits} is what can
 * still be sold ({@code available}), {@code lowStock} lists items below the threshold, emptiest first,
 * and {@code lowStockForecasts} their forecasts over the configured window, in the same order.
 */
record InventoryStats(long totalSkus, long totalUnits, long outOfStock, List<ItemView> lowStock,
        List<StockForecast> lowStockForecasts) {
}
