package io.orderfleet.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetInfrastructureInitializer;
import io.orderfleet.common.web.PageQuery;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The order repositories against the real PostgreSQL schema that Flyway builds (Hibernate validates
 * the entities against it): every hand-written statement, and the statement count of an order page.
 * Each test runs in a transaction that is rolled back.
 */
@DataJpaTest(showSql = false, properties = "spring.jpa.properties.hibernate.generate_statistics=true")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = FleetInfrastructureInitializer.class)
class OrderRepositoryTest {

    @Autowired
    OrderRepository orders;
    @Autowired
    OrderEventRepository trail;
    @Autowired
    IdempotencyKeyRepository keys;
    OrderQueries queries;
    @Autowired
    EntityManager entityManager;
    @Autowired
    JdbcClient jdbc;

    long user;

    @BeforeEach
    void aFreshUser() {
        queries = new OrderQueries(orders);
        user = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE);
    }

    private Order pending(long userId, String... skus) {
        List<OrderLine> lines = new ArrayList<>();
        for (String sku : skus) {
            lines.add(OrderLine.requested(sku, 2));
        }
        Order order = orders.save(Order.place(UUID.randomUUID(), userId, lines));
        trail.save(order.placedEvent());
        return order;
    }

    private Order confirmed(long userId, long unitPrice) {
        Order order = pending(userId, "SKU-A", "SKU-B");
        trail.save(order.confirm(List.of(OrderLine.priced("SKU-A", "Apple", 2, unitPrice),
                OrderLine.priced("SKU-B", "Banana", 2, unitPrice)), "Stock reserved"));
        return order;
    }

    private void flushAndClear() {
        entityManager.flush();
        entityManager.clear();
    }

    private void setColumns(UUID id, String assignments) {
        flushAndClear();
        jdbc.sql("UPDATE orders SET " + assignments + " WHERE id = :id").param("id", id).update();
    }

    private static String interval(Duration duration) {
        return OrderReconciler.interval(duration);
    }

    private Statistics statistics() {
        return entityManager.getEntityManagerFactory().unwrap(SessionFactory.class).getStatistics();
    }

    @Test
    void anOrderIsStoredWithItsLinesAndItsTrailAndReadBackAsItWas() {
        Order order = confirmed(user, 250);
        trail.save(order.cancelBy("7", true, "test"));
        flushAndClear();

        Order read = orders.findWithLines(order.id()).orElseThrow();

        assertThat(read.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(read.releasePending()).isTrue();
        assertThat(read.totalCents()).isEqualTo(1000);
        assertThat(read.lines()).containsExactly(OrderLine.priced("SKU-A", "Apple", 2, 250),
                OrderLine.priced("SKU-B", "Banana", 2, 250));
        assertThat(read.createdAt()).isEqualTo(order.createdAt());
        assertThat(trail.trail(order.id())).extracting(OrderEventView::type)
                .containsExactly("CREATED", "STATUS_CHANGED", "CANCELLED");
    }

    @Test
    void theTraceContextAnOrderWasPlacedInIsReadBackForTheWorkersAndIsNullWhenItWasUntraced() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        Order traced = orders.save(Order.place(UUID.randomUUID(), user, List.of(OrderLine.requested("SKU-T", 1)),
                traceparent));
        Order untraced = pending(user, "SKU-U");
        flushAndClear();

        assertThat(orders.traceparentOf(traced.id())).isEqualTo(traceparent);
        assertThat(orders.traceparentOf(untraced.id())).isNull();
        assertThat(orders.traceparentOf(UUID.randomUUID())).isNull();
    }

    @Test
    void aPageOfTwentyOrdersWithTheirLinesTakesAsManyStatementsAsAPageOfFive() {
        for (int i = 0; i < 25; i++) {
            confirmed(user, 100 + i);
        }
        flushAndClear();
        var filter = new OrderQueries.Filter(user, null, null, null);

        Statistics statistics = statistics();
        statistics.clear();
        var twenty = queries.search(filter, PageQuery.of(0, 20, null, OrderQueries.SORTABLE, "createdAt,desc"));
        long forTwenty = statistics.getPrepareStatementCount();
        entityManager.clear();
        statistics.clear();
        var five = queries.search(filter, PageQuery.of(1, 5, null, OrderQueries.SORTABLE, "createdAt,desc"));
        long forFive = statistics.getPrepareStatementCount();

        assertThat(twenty.content()).hasSize(20).allSatisfy(o -> assertThat(o.items()).hasSize(2));
        assertThat(five.content()).hasSize(5);
        assertThat(twenty.page().totalElements()).isEqualTo(25);
        assertThat(forTwenty).as("the page, its count and all its lines").isEqualTo(3);
        assertThat(forFive).isEqualTo(forTwenty);
    }

    @Test
    void theStalePendingClaimTakesOldUnleasedPendingOrdersOnceAndLeavesTheRest() {
        Order stale = pending(user, "SKU-A");
        Order fresh = pending(user, "SKU-A");
        Order leased = pending(user, "SKU-A");
        Order confirmed = confirmed(user, 1);
        for (Order o : List.of(stale, leased, confirmed)) {
            setColumns(o.id(), "created_at = now() - interval '1 minute'");
        }
        setColumns(leased.id(), "lease_until = now() + interval '1 minute'");

        List<UUID> claimed = orders.claimStalePending(interval(Duration.ofSeconds(30)), interval(Duration.ofMinutes(1)), 1000);
        List<UUID> again = orders.claimStalePending(interval(Duration.ofSeconds(30)), interval(Duration.ofMinutes(1)), 1000);

        assertThat(claimed).contains(stale.id()).doesNotContain(fresh.id(), leased.id(), confirmed.id());
        assertThat(again).doesNotContain(stale.id());
        orders.dropLeases(List.of(stale.id()));
        assertThat(orders.claimStalePending(interval(Duration.ofSeconds(30)), interval(Duration.ofMinutes(1)), 1000))
                .as("a dropped lease is claimable at once").contains(stale.id());
    }

    @Test
    void theReleaseClaimTakesReleasePendingOrdersUntilTheReleaseIsAcknowledged() {
        Order cancelled = pending(user, "SKU-A");
        trail.save(cancelled.cancelBy("1", true, null));
        Order alive = confirmed(user, 5);
        flushAndClear();

        List<UUID> claimed = orders.claimReleasePending(interval(Duration.ofMinutes(1)), 1000);
        orders.dropLeases(claimed);
        orders.releaseAcknowledged(cancelled.id());
        List<UUID> afterAck = orders.claimReleasePending(interval(Duration.ofMinutes(1)), 1000);

        assertThat(claimed).contains(cancelled.id()).doesNotContain(alive.id());
        assertThat(afterAck).doesNotContain(cancelled.id());
        entityManager.clear();
        assertThat(orders.findById(cancelled.id()).orElseThrow().releasePending()).isFalse();
    }

    @Test
    void aLockedReadTakesTheRowLock() {
        Order order = pending(user, "SKU-A");
        flushAndClear();

        assertThat(orders.lock(order.id())).isPresent();

        assertThat(jdbc.sql("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation"
                + " WHERE c.relname = 'orders' AND l.pid = pg_backend_pid() AND l.mode = 'RowShareLock'")
                .query(Long.class).single()).as("a FOR UPDATE / FOR NO KEY UPDATE lock on orders").isPositive();
    }

    @Test
    void anIdempotencyKeyIsClaimedOnceAndPurgedOnlyWhenOld() {
        Order first = pending(user, "SKU-A");
        Order second = pending(user, "SKU-A");
        flushAndClear();

        assertThat(keys.claim(user, "key-1", "a".repeat(64), first.id())).isEqualTo(1);
        assertThat(keys.claim(user, "key-1", "b".repeat(64), second.id())).as("taken").isZero();
        assertThat(keys.claim(user, "key-2", "c".repeat(64), second.id())).isEqualTo(1);
        IdempotencyKey key = keys.findById(new IdempotencyKey.Id(user, "key-1")).orElseThrow();
        assertThat(key.orderId()).isEqualTo(first.id());
        assertThat(key.requestHash()).isEqualTo("a".repeat(64));

        assertThat(keys.purgeOlderThan(Instant.now().minus(Duration.ofHours(1)))).isZero();
        assertThat(keys.findById(new IdempotencyKey.Id(user, "key-1"))).isPresent();
        jdbc.sql("UPDATE idempotency_keys SET created_at = now() - interval '3 days' WHERE user_id = :user AND key = 'key-2'")
                .param("user", user).update();
        assertThat(keys.purgeOlderThan(Instant.now().minus(Duration.ofDays(2)))).isEqualTo(1);
        entityManager.clear(); // bulk statements bypass the persistence context
        assertThat(keys.findById(new IdempotencyKey.Id(user, "key-2"))).isEmpty();
        assertThat(keys.findById(new IdempotencyKey.Id(user, "key-1"))).as("younger keys stay").isPresent();
    }

    @Test
    void statsCountRevenueOfLiveOrdersOnlyPerStatusAndPerUtcDay() {
        confirmed(user, 300);
        confirmed(user, 200);
        Order rejected = pending(user, "SKU-A");
        trail.save(rejected.settle(OrderStatus.REJECTED, "test"));
        pending(user + 1, "SKU-A");
        flushAndClear();

        Map<String, Object> stats = queries.stats(user, 3);

        assertThat(stats.get("totalOrders")).isEqualTo(3L);
        assertThat(stats.get("revenueCents")).isEqualTo(2000L);
        assertThat(stats.get("byStatus")).isEqualTo(Map.of("PENDING", 0L, "CONFIRMED", 2L, "SHIPPED", 0L,
                "DELIVERED", 0L, "REJECTED", 1L, "CANCELLED", 0L));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> perDay = (List<Map<String, Object>>) stats.get("perDay");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(perDay).extracting(d -> d.get("date")).containsExactly(today.minusDays(2).toString(),
                today.minusDays(1).toString(), today.toString());
        assertThat(perDay.get(2)).isEqualTo(Map.of("date", today.toString(), "orders", 3L, "revenueCents", 2000L));
        assertThat(perDay.get(0).get("orders")).isEqualTo(0L);
        assertThat((Long) queries.stats(null, 1).get("totalOrders")).isGreaterThanOrEqualTo(4L);
    }
}
