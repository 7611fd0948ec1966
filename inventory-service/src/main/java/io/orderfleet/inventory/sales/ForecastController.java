package io.orderfleet.inventory.sales;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.inventory.item.Skus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ForecastController {

    private final StockForecasts forecasts;

    ForecastController(StockForecasts forecasts) {
        this.forecasts = forecasts;
    }

    /** Sales velocity and days until the SKU runs out; {@code windowDays} defaults to the configured window (14). */
    @GetMapping("/api/v1/inventory/items/{sku}/forecast")
    @PreAuthorize("hasRole('ADMIN')")
    StockForecast forecast(@PathVariable String sku, @RequestParam(required = false) Integer windowDays) {
        int window = windowDays == null ? forecasts.defaultWindowDays() : windowDays;
        if (window < 1 || window > StockForecasts.MAX_WINDOW_DAYS) {
            throw ProblemException.badRequest("windowDays must be between 1 and " + StockForecasts.MAX_WINDOW_DAYS + ".");
        }
        return forecasts.forecast(Skus.requireValid(sku), window);
    }
}
