package io.orderfleet.inventory.stats;

import io.orderfleet.inventory.item.Item;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The dashboard's aggregations, computed by PostgreSQL in one statement each. */
interface StockStatsRepository extends Repository<Item, String> {

    @Query("SELECT new io.orderfleet.inventory.stats.StockTotals(count(i), coalesce(sum(i.available), 0L),"
            + " coalesce(sum(CASE WHEN i.available = 0 THEN 1L ELSE 0L END), 0L)) FROM Item i WHERE i.archived = false")
    StockTotals totals();

    /** Emptiest first. */
    @Query("SELECT i FROM Item i WHERE i.archived = false AND i.available < :threshold ORDER BY i.available, i.sku")
    List<Item> lowStock(@Param("threshold") int threshold, Limit limit);
}
