package io.orderfleet.inventory.sales;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** The counted sales and their aggregation per SKU and day, each one statement run by PostgreSQL. */
interface OrderSales extends Repository<OrderSale, OrderSale.Key> {

    interface DailyUnits {
        String getSku();

        /** ISO date, UTC. */
        String getDay();

        long getUnits();
    }

    /** Counts a confirmed line once: a second confirmation of the same order changes nothing. */
    @Modifying
    @Query(value = "INSERT INTO order_sales (order_id, sku, qty, sold_on) VALUES (:orderId, :sku, :qty, :day)"
            + " ON CONFLICT (order_id, sku) DO NOTHING", nativeQuery = true)
    int count(@Param("orderId") UUID orderId, @Param("sku") String sku, @Param("qty") int qty, @Param("day") LocalDate day);

    /** Takes back the units of a counted order; an order never counted (never confirmed) has no rows. */
    @Modifying
    @Query(value = "UPDATE order_sales SET cancelled_on = :day WHERE order_id = :orderId AND cancelled_on IS NULL",
            nativeQuery = true)
    int cancel(@Param("orderId") UUID orderId, @Param("day") LocalDate day);

    /** Units sold (and not cancelled since) per SKU and day, from {@code since} on, for the given SKUs. */
    @Query(value = "SELECT sku, sold_on::text AS day, sum(qty) AS units FROM order_sales"
            + " WHERE sku IN (:skus) AND cancelled_on IS NULL AND sold_on >= :since"
            + " GROUP BY sku, sold_on ORDER BY sku, sold_on", nativeQuery = true)
    List<DailyUnits> dailyUnits(@Param("skus") Collection<String> skus, @Param("since") LocalDate since);
}
