package io.orderfleet.orders.order;

import io.orderfleet.common.web.PageQuery;
import io.orderfleet.orders.clients.InventoryClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class OrderRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    OrderRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insertPending(UUID id, long userId, List<InventoryClient.Line> lines) {
        jdbc.sql("INSERT INTO orders (id, user_id, status, requested_lines) VALUES (:id, :user, 'PENDING', CAST(:lines AS jsonb))")
                .param("id", id).param("user", userId).param("lines", json.writeValueAsString(lines)).update();
    }

    /** Returns false when the key was already taken (by this or a concurrent request). */
    boolean claimIdempotencyKey(long userId, String key, String requestHash, UUID orderId) {
        return jdbc.sql("INSERT INTO idempotency_keys (user_id, key, request_hash, order_id)"
                        + " VALUES (:user, :key, :hash, :order) ON CONFLICT (user_id, key) DO NOTHING")
                .param("user", userId).param("key", key).param("hash", requestHash).param("order", orderId)
                .update() == 1;
    }

    record KeyOwner(String requestHash, UUID orderId) {
    }

    Optional<KeyOwner> idempotencyKey(long userId, String key) {
        return jdbc.sql("SELECT request_hash, order_id FROM idempotency_keys WHERE user_id = :user AND key = :key")
                .param("user", userId).param("key", key)
                .query((rs, i) -> new KeyOwner(rs.getString(1), rs.getObject(2, UUID.class))).optional();
    }

    void forgetIdempotencyKey(UUID orderId) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE order_id = :order").param("order", orderId).update();
    }

    int purgeIdempotencyKeys(Duration olderThan) {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE created_at < now() - CAST(:age AS interval)")
                .param("age", olderThan.toSeconds() + " seconds").update();
    }

    Optional<Order> find(UUID id) {
        return load("SELECT * FROM orders WHERE id = :id", id);
    }

    Optional<Order> lock(UUID id) {
        return load("SELECT * FROM orders WHERE id = :id FOR UPDATE", id);
    }

    private Optional<Order> load(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query((rs, i) -> map(rs)).optional();
    }

    void updateStatus(Order order, boolean releasePending) {
        // a status change ends any worker's claim: a release it now needs must not wait for that lease
        jdbc.sql("UPDATE orders SET status = :status, release_pending = release_pending OR :release, lease_until = NULL,"
                        + " updated_at = now() WHERE id = :id")
                .param("id", order.id()).param("status", order.status().name()).param("release", releasePending)
                .update();
    }

    void markReleasePending(UUID id) {
        jdbc.sql("UPDATE orders SET release_pending = TRUE, lease_until = NULL, updated_at = now() WHERE id = :id").param("id", id).update();
    }

    void releaseAcknowledged(UUID id) {
        jdbc.sql("UPDATE orders SET release_pending = FALSE, lease_until = NULL WHERE id = :id").param("id", id).update();
    }

    void saveConfirmedLines(UUID id, List<InventoryClient.ReservedLine> lines) {
        long total = 0;
        for (InventoryClient.ReservedLine line : lines) {
            jdbc.sql("INSERT INTO order_items (order_id, sku, name, qty, unit_price_cents) VALUES (:id, :sku, :name, :qty, :price)")
                    .param("id", id).param("sku", line.sku()).param("name", line.name()).param("qty", line.qty())
                    .param("price", line.unitPriceCents()).update();
            total += line.unitPriceCents() * line.qty();
        }
        jdbc.sql("UPDATE orders SET total_cents = :total WHERE id = :id").param("id", id).param("total", total).update();
    }

    void appendEvent(UUID orderId, OrderEvent event) {
        jdbc.sql("INSERT INTO order_events (order_id, type, description, old_value, new_value, actor_id)"
                        + " VALUES (:order, :type, :description, :old, :new, :actor)")
                .param("order", orderId).param("type", event.type()).param("description", event.description())
                .param("old", event.oldValue()).param("new", event.newValue()).param("actor", event.actorId())
                .update();
    }

    List<OrderEventView> events(UUID orderId) {
        return jdbc.sql("SELECT * FROM order_events WHERE order_id = :order ORDER BY id").param("order", orderId)
                .query((rs, i) -> new OrderEventView(rs.getLong("id"), rs.getObject("order_id", UUID.class),
                        rs.getString("type"), rs.getString("description"), rs.getString("old_value"),
                        rs.getString("new_value"), rs.getString("actor_id"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /**
     * Claims up to {@code limit} orders still PENDING after {@code age} for one reconciler run: rows
     * another instance holds (row lock or unexpired lease) are skipped, so instances never work on
     * the same order at once, and a crashed instance's lease runs out.
     */
    List<UUID> claimStalePending(Duration age, Duration lease, int limit) {
        return jdbc.sql("""
                UPDATE orders SET lease_until = now() + CAST(:lease AS interval)
                WHERE id IN (SELECT id FROM orders
                             WHERE status = 'PENDING' AND created_at < now() - CAST(:age AS interval)
                               AND (lease_until IS NULL OR lease_until < now())
                             ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id""")
                .param("age", age.toMillis() + " milliseconds").param("lease", lease.toMillis() + " milliseconds")
                .param("limit", limit).query(UUID.class).list();
    }

    /** Claims dead orders whose stock may still be held, like {@link #claimStalePending}. */
    List<UUID> claimReleasePending(Duration lease, int limit) {
        return jdbc.sql("""
                UPDATE orders SET lease_until = now() + CAST(:lease AS interval)
                WHERE id IN (SELECT id FROM orders
                             WHERE release_pending AND (lease_until IS NULL OR lease_until < now())
                             ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id""")
                .param("lease", lease.toMillis() + " milliseconds").param("limit", limit).query(UUID.class).list();
    }

    /** Gives claimed rows back at once (work postponed), so the next run need not wait for the lease. */
    void dropLeases(List<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE orders SET lease_until = NULL WHERE id IN (:ids)").param("ids", ids).update();
        }
    }

    List<InventoryClient.Line> requestedLines(UUID id) {
        String lines = jdbc.sql("SELECT requested_lines::text FROM orders WHERE id = :id").param("id", id)
                .query(String.class).single();
        return json.readValue(lines, new TypeReference<List<InventoryClient.Line>>() {
        });
    }

    record Filter(Long userId, String status, Instant from, Instant to) {
    }

    List<Order> search(Filter filter, PageQuery page) {
        Where where = where(filter);
        var spec = jdbc.sql("SELECT * FROM orders" + where.sql() + " ORDER BY " + page.orderBy()
                + ", id LIMIT :limit OFFSET :offset");
        where.params().forEach(spec::param);
        return spec.param("limit", page.size()).param("offset", page.offset()).query((rs, i) -> map(rs)).list();
    }

    long count(Filter filter) {
        Where where = where(filter);
        var spec = jdbc.sql("SELECT count(*) FROM orders" + where.sql());
        where.params().forEach(spec::param);
        return spec.query(Long.class).single();
    }

    Map<String, Object> stats(Long userId, int days) {
        Where where = where(new Filter(userId, null, null, null));
        Map<String, Object> stats = new LinkedHashMap<>();
        var totals = jdbc.sql("SELECT count(*) AS n, COALESCE(sum(total_cents) FILTER (WHERE status IN"
                + " ('CONFIRMED','SHIPPED','DELIVERED')), 0) AS revenue FROM orders" + where.sql());
        where.params().forEach(totals::param);
        totals.query((rs, i) -> {
            stats.put("totalOrders", rs.getLong("n"));
            stats.put("revenueCents", rs.getLong("revenue"));
            return null;
        }).list();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (OrderStatus s : OrderStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        var statuses = jdbc.sql("SELECT status, count(*) AS n FROM orders" + where.sql() + " GROUP BY status");
        where.params().forEach(statuses::param);
        statuses.query((rs, i) -> byStatus.put(rs.getString("status"), rs.getLong("n"))).list();
        stats.put("byStatus", byStatus);
        var perDay = jdbc.sql("""
                SELECT d::date AS date, count(o.id) AS orders,
                       COALESCE(sum(o.total_cents) FILTER (WHERE o.status IN ('CONFIRMED','SHIPPED','DELIVERED')), 0) AS revenue
                FROM generate_series((now() AT TIME ZONE 'UTC')::date - (:days - 1), (now() AT TIME ZONE 'UTC')::date,
                                     interval '1 day') AS d
                LEFT JOIN orders o ON (o.created_at AT TIME ZONE 'UTC')::date = d::date
                """ + (userId == null ? "" : " AND o.user_id = :user") + " GROUP BY d ORDER BY d")
                .param("days", days);
        if (userId != null) {
            perDay.param("user", userId);
        }
        stats.put("perDay", perDay.query((rs, i) -> Map.of("date", rs.getString("date"), "orders", rs.getLong("orders"),
                "revenueCents", rs.getLong("revenue"))).list());
        return stats;
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    private static Where where(Filter filter) {
        List<String> clauses = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.userId() != null) {
            clauses.add("user_id = :user");
            params.put("user", filter.userId());
        }
        if (filter.status() != null) {
            clauses.add("status = :status");
            params.put("status", filter.status());
        }
        if (filter.from() != null) {
            clauses.add("created_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            clauses.add("created_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private Order map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        OrderStatus status = OrderStatus.valueOf(rs.getString("status"));
        List<Order.Item> items = jdbc.sql("SELECT sku, name, qty, unit_price_cents FROM order_items WHERE order_id = :id ORDER BY sku")
                .param("id", id)
                .query((r, i) -> new Order.Item(r.getString("sku"), r.getString("name"), r.getInt("qty"),
                        r.getLong("unit_price_cents")))
                .list();
        if (items.isEmpty()) {
            List<InventoryClient.Line> requested = json.readValue(rs.getString("requested_lines"),
                    new TypeReference<List<InventoryClient.Line>>() {
                    });
            items = requested.stream().map(l -> new Order.Item(l.sku(), null, l.qty(), null)).toList();
        }
        return new Order(id, rs.getLong("user_id"), status, items, rs.getLong("total_cents"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
