package io.orderfleet.orders.order;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders as entities, plus the statements that stay hand-written: the workers' claims ({@code FOR
 * UPDATE SKIP LOCKED} and a lease, one statement each) and the stats aggregations (see
 * docs/architecture.md, "Persistence").
 */
interface OrderRepository extends JpaRepository<Order, UUID>, JpaSpecificationExecutor<Order> {

    @Query("select o from Order o left join fetch o.lines where o.id = :id")
    Optional<Order> findWithLines(UUID id);

    /** The order under a row lock until the transaction ends; its lines load when read. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select o from Order o where o.id = :id")
    Optional<Order> lock(UUID id);

    /** Loads the lines of the given (already loaded) orders in one statement, whatever their number. */
    @Query("select distinct o from Order o left join fetch o.lines where o.id in :ids")
    List<Order> fetchLines(Collection<UUID> ids);

    /** The W3C trace context the order was placed in (null when untraced), for the workers' span links. */
    @Query("select o.traceparent from Order o where o.id = :id")
    String traceparentOf(UUID id);

    @Modifying
    @Transactional
    @Query("update Order o set o.releasePending = false, o.leaseUntil = null where o.id = :id")
    void releaseAcknowledged(UUID id);

    /** Gives claimed rows back at once (work postponed), so the next run need not wait for the lease. */
    @Modifying
    @Transactional
    @Query("update Order o set o.leaseUntil = null where o.id in :ids")
    void dropLeases(Collection<UUID> ids);

    /**
     * Claims up to {@code limit} orders still PENDING after {@code age} for one reconciler run: rows
     * another instance holds (row lock or unexpired lease) are skipped, so instances never work on
     * the same order at once, and a crashed instance's lease runs out.
     *
     * @param age and {@code lease}: PostgreSQL intervals such as {@code 30000 milliseconds}
     */
    @Transactional
    @Query(nativeQuery = true, value = """
            UPDATE orders SET lease_until = now() + CAST(:lease AS interval)
            WHERE id IN (SELECT id FROM orders
                         WHERE status = 'PENDING' AND created_at < now() - CAST(:age AS interval)
                           AND (lease_until IS NULL OR lease_until < now())
                         ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING id""")
    List<UUID> claimStalePending(String age, String lease, int limit);

    /** Claims dead orders whose stock may still be held, like {@link #claimStalePending}. */
    @Transactional
    @Query(nativeQuery = true, value = """
            UPDATE orders SET lease_until = now() + CAST(:lease AS interval)
            WHERE id IN (SELECT id FROM orders
                         WHERE release_pending AND (lease_until IS NULL OR lease_until < now())
                         ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING id""")
    List<UUID> claimReleasePending(String lease, int limit);

    // --- stats: aggregations PostgreSQL computes in one pass each (userId null = every user) ---

    @Query(nativeQuery = true, value = """
            SELECT count(*), CAST(COALESCE(sum(total_cents) FILTER (WHERE status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED')), 0) AS bigint)
            FROM orders WHERE CAST(:userId AS bigint) IS NULL OR user_id = :userId""")
    List<Object[]> totals(Long userId);

    @Query(nativeQuery = true, value = """
            SELECT status, count(*) FROM orders WHERE CAST(:userId AS bigint) IS NULL OR user_id = :userId
            GROUP BY status""")
    List<Object[]> countByStatus(Long userId);

    /** One row per UTC day of the last {@code days} days (oldest first), days without orders included. */
    @Query(nativeQuery = true, value = """
            SELECT to_char(d, 'YYYY-MM-DD'), count(o.id),
                   CAST(COALESCE(sum(o.total_cents) FILTER (WHERE o.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED')), 0) AS bigint)
            FROM generate_series(CAST(now() AT TIME ZONE 'UTC' AS date) - (:days - 1), CAST(now() AT TIME ZONE 'UTC' AS date),
                                 interval '1 day') AS d
            LEFT JOIN orders o ON CAST(o.created_at AT TIME ZONE 'UTC' AS date) = CAST(d AS date)
                              AND (CAST(:userId AS bigint) IS NULL OR o.user_id = :userId)
            GROUP BY d ORDER BY d""")
    List<Object[]> perDay(Long userId, int days);
}
