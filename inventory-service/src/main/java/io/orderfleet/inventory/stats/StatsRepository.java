package io.orderfleet.inventory.stats;

import io.orderfleet.inventory.item.ItemRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

@Repository
class StatsRepository {

    /** The dashboard shows a short list; the full picture is the filtered item list. */
    static final int LOW_STOCK_LIMIT = 50;

    private final JdbcClient jdbc;

    StatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One snapshot, so the totals and the low-stock list describe the same moment. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public InventoryStats stats(int lowStockThreshold) {
        record Totals(long skus, long units, long outOfStock) {
        }
        Totals totals = jdbc.sql("SELECT count(*), COALESCE(sum(available), 0), count(*) FILTER (WHERE available = 0)"
                        + " FROM items WHERE NOT archived")
                .query((rs, i) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
        var lowStock = jdbc.sql("SELECT " + ItemRepository.COLUMNS + " FROM items"
                        + " WHERE NOT archived AND available < :threshold ORDER BY available, sku LIMIT :limit")
                .param("threshold", lowStockThreshold).param("limit", LOW_STOCK_LIMIT)
                .query(ItemRepository::map).list();
        return new InventoryStats(totals.skus(), totals.units(), totals.outOfStock(), lowStock);
    }
}
