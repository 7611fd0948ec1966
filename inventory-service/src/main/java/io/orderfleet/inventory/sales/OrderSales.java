package io.orderfleet.inventory.sales;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/**
 * The counted sales and their aggregation per SKU and day, each one statement run by PostgreSQL. The
 * writes take arrays (row i of each), one statement for all the rows of a poll; a key may appear once.
 */
interface OrderSales extends Repository<OrderSale, OrderSale.Key> {

    interface DailyUnits {
        String getSku();

        /** ISO date, UTC. */
        String getDay();

        long getUnits();
    }

    /** Counts confirmed lines once each: a line (order, SKU) counted before stays as it is. */
    @Modifying
    @Query(value = """
            INSERT INTO order_sales (order_id, sku, qty, sold_on)
            SELECT * FROM unnest(CAST(:orderIds AS uuid[]), CAST(:skus AS varchar[]), CAST(:qtys AS integer[]),
                                 CAST(:days AS date[]))
            ON CONFLICT (order_id, sku) DO NOTHING""", nativeQuery = true)
    int count(@Param("orderIds") UUID[] orderIds, @Param("skus") String[] skus, @Param("qtys") Integer[] qtys,
            @Param("days") LocalDate[] days);

    /** Takes back the units of counted orders; an order never counted (never confirmed) has no rows. */
    @Modifying
    @Query(value = """
            UPDATE order_sales s SET cancelled_on = c.day
            FROM unnest(CAST(:orderIds AS uuid[]), CAST(:days AS date[])) AS c(order_id, day)
            WHERE s.order_id = c.order_id AND s.cancelled_on IS NULL""", nativeQuery = true)
    int cancel(@Param("orderIds") UUID[] orderIds, @Param("days") LocalDate[] days);

    /** Units sold (and not cancelled since) per SKU and day, from {@code since} on, for the given SKUs. */
    @Query(value = "SELECT sku, sold_on::text AS day, sum(qty) AS units FROM order_sales"
            + " WHERE sku IN (:skus) AND cancelled_on IS NULL AND sold_on >= :since"
            + " GROUP BY sku, sold_on ORDER BY sku, sold_on", nativeQuery = true)
    List<DailyUnits> dailyUnits(@Param("skus") Collection<String> skus, @Param("since") LocalDate since);
}
