package io.orderfleet.inventory.sales;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.inventory.item.ItemRepository;
import io.orderfleet.inventory.item.ItemView;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stock forecasts from the counted sales (see {@link StockForecast}). */
@Service
public class StockForecasts {

    public static final int MAX_WINDOW_DAYS = 90;

    private final OrderSales sales;
    private final ItemRepository items;
    private final int defaultWindowDays;
    private final Clock clock = Clock.systemUTC();

    StockForecasts(OrderSales sales, ItemRepository items,
            @Value("${orderfleet.inventory.forecast-window-days:14}") int defaultWindowDays) {
        if (defaultWindowDays < 1 || defaultWindowDays > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("orderfleet.inventory.forecast-window-days must be 1.." + MAX_WINDOW_DAYS);
        }
        this.sales = sales;
        this.items = items;
        this.defaultWindowDays = defaultWindowDays;
    }

    public int defaultWindowDays() {
        return defaultWindowDays;
    }

    /** One live item's forecast; 404 for an unknown or archived SKU. */
    @Transactional(readOnly = true)
    public StockForecast forecast(String sku, int windowDays) {
        ItemView item = items.findBySkuAndArchivedFalse(sku).map(i -> i.view())
                .orElseThrow(() -> ProblemException.notFound("No item with SKU " + sku + "."));
        return forecasts(List.of(item), windowDays).getFirst();
    }

    /** The forecasts of the given items, in their order, with one query for all of them. */
    @Transactional(readOnly = true)
    public List<StockForecast> forecasts(List<ItemView> forItems, int windowDays) {
        if (forItems.isEmpty()) {
            return List.of();
        }
        LocalDate since = LocalDate.now(clock).minusDays(windowDays - 1L);
        Map<String, List<StockForecast.DailySales>> bySku = new HashMap<>();
        for (OrderSales.DailyUnits row : sales.dailyUnits(forItems.stream().map(ItemView::sku).toList(), since)) {
            bySku.computeIfAbsent(row.getSku(), sku -> new ArrayList<>())
                    .add(new StockForecast.DailySales(LocalDate.parse(row.getDay()), row.getUnits()));
        }
        return forItems.stream().map(item -> StockForecast.of(item.sku(), item.available(), windowDays,
                bySku.getOrDefault(item.sku(), List.of()))).toList();
    }
}
