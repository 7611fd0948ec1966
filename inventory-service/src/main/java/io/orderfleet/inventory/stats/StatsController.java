package io.orderfleet.inventory.stats;

import io.orderfleet.common.problem.ProblemException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatsController {

    private final StatsService stats;

    StatsController(StatsService stats) {
        this.stats = stats;
    }

    @GetMapping("/api/v1/inventory/stats")
    @PreAuthorize("hasRole('ADMIN')")
    InventoryStats stats(@RequestParam(defaultValue = "10") int lowStockThreshold) {
        if (lowStockThreshold < 0 || lowStockThreshold > 1_000_000_000) {
            throw ProblemException.badRequest("lowStockThreshold must be between 0 and 1000000000.");
        }
        return stats.stats(lowStockThreshold);
    }
}
