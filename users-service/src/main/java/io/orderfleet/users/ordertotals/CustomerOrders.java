package io.orderfleet.users.ordertotals;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

interface CustomerOrders extends Repository<CustomerOrder, UUID> {

    interface Totals {
        long getUserId();

        long getOrderCount();

        long getLifetimeSpendCents();

        Instant getLastOrderAt();
    }

    /**
     * Merges the events of a poll into their orders' rows (row i of each array, one per order), inserting
     * the row of an order seen for the first time: {@code confirmed} and {@code cancelled} only ever turn
     * true, and a confirmation sets the total (prices are fixed when the order is confirmed).
     * {@link OrderChange} folds several events of one order into one row first: PostgreSQL updates a row at
     * most once per statement.
     */
    @Modifying
    @Query(value = """
            INSERT INTO customer_orders (order_id, user_id, placed_at, total_cents, confirmed, cancelled)
            SELECT * FROM unnest(CAST(:orderIds AS uuid[]), CAST(:userIds AS bigint[]),
                                 CAST(:placedAt AS timestamptz[]), CAST(:totalCents AS bigint[]),
                                 CAST(:confirmed AS boolean[]), CAST(:cancelled AS boolean[]))
            ON CONFLICT (order_id) DO UPDATE SET
                total_cents = CASE WHEN excluded.confirmed THEN excluded.total_cents ELSE customer_orders.total_cents END,
                confirmed = customer_orders.confirmed OR excluded.confirmed,
                cancelled = customer_orders.cancelled OR excluded.cancelled""", nativeQuery = true)
    int record(@Param("orderIds") UUID[] orderIds, @Param("userIds") Long[] userIds,
            @Param("placedAt") Instant[] placedAt, @Param("totalCents") Long[] totalCents,
            @Param("confirmed") Boolean[] confirmed, @Param("cancelled") Boolean[] cancelled);

    /** The totals of the given users that placed an order; the others have none (zero, never). */
    @Query(value = """
            SELECT user_id AS userId, count(*) AS orderCount,
                   coalesce(sum(total_cents) FILTER (WHERE confirmed AND NOT cancelled), 0) AS lifetimeSpendCents,
                   max(placed_at) AS lastOrderAt
            FROM customer_orders WHERE user_id IN (:userIds) GROUP BY user_id""", nativeQuery = true)
    List<Totals> totals(@Param("userIds") Collection<Long> userIds);
}
