package io.orderfleet.inventory.reservation;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.inventory.item.Item;
import io.orderfleet.inventory.item.ItemCache;
import io.orderfleet.inventory.item.ItemRepository;
import io.orderfleet.inventory.movement.MovementRepository;
import io.orderfleet.inventory.reservation.ReservationDtos.Line;
import io.orderfleet.inventory.reservation.ReservationDtos.Reservation;
import io.orderfleet.inventory.reservation.ReservationDtos.ReservedLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reservations hold stock for an order, all lines or none. Correctness lives in PostgreSQL: the
 * reservation row's primary key makes reserve idempotent per orderId (a concurrent duplicate waits
 * on the key and then sees the winner's row), each line is one conditional UPDATE that cannot take
 * stock below zero, and lines are taken in SKU order so two multi-line reservations never deadlock.
 */
@Service
class ReservationService {

    record Outcome(Reservation reservation, boolean created) {
    }

    private final JdbcClient jdbc;
    private final MovementRepository movements;
    private final ItemCache cache;

    ReservationService(JdbcClient jdbc, MovementRepository movements, ItemCache cache) {
        this.jdbc = jdbc;
        this.movements = movements;
        this.cache = cache;
    }

    @Transactional
    Outcome reserve(UUID orderId, List<Line> requested) {
        List<Line> lines = new ArrayList<>(requested);
        lines.sort(Comparator.comparing(Line::sku));
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).sku().equals(lines.get(i - 1).sku())) {
                throw ProblemException.unprocessable("lines", "SKU " + lines.get(i).sku() + " appears twice");
            }
        }
        String hash = hash(lines);
        boolean inserted = jdbc.sql("INSERT INTO reservations (order_id, status, request_hash) VALUES (:id, 'ACTIVE', :hash)"
                        + " ON CONFLICT (order_id) DO NOTHING")
                .param("id", orderId).param("hash", hash).update() == 1;
        if (!inserted) {
            return new Outcome(replay(orderId, hash), false);
        }
        List<ReservedLine> reserved = new ArrayList<>();
        List<Item> changed = new ArrayList<>();
        Map<String, Integer> deltas = new LinkedHashMap<>();
        for (Line line : lines) {
            Item item = jdbc.sql("UPDATE items SET available = available - :qty, reserved = reserved + :qty,"
                            + " version = version + 1, updated_at = now()"
                            + " WHERE sku = :sku AND NOT archived AND available >= :qty RETURNING " + ItemRepository.COLUMNS)
                    .param("sku", line.sku()).param("qty", line.qty())
                    .query(ItemRepository::map).optional()
                    .orElseThrow(() -> shortOf(line));
            reserved.add(new ReservedLine(item.sku(), item.name(), line.qty(), item.priceCents()));
            deltas.put(item.sku(), -line.qty());
            changed.add(item);
        }
        insertLines(orderId, reserved);
        movements.recordForOrder("RESERVATION", orderId, "reserved for order " + orderId, deltas);
        cache.putAfterCommit(changed);
        return new Outcome(new Reservation(orderId, "ACTIVE", reserved), true);
    }

    /**
     * Gives the units back. Releasing an orderId never seen leaves a tombstone so that a reserve which
     * arrives late (a retry after a timeout) is refused instead of holding stock for a dead order.
     */
    @Transactional
    Reservation release(UUID orderId) {
        boolean tombstone = jdbc.sql("INSERT INTO reservations (order_id, status, released_at)"
                        + " VALUES (:id, 'RELEASED', now()) ON CONFLICT (order_id) DO NOTHING")
                .param("id", orderId).update() == 1;
        if (tombstone) {
            return new Reservation(orderId, "RELEASED", List.of());
        }
        String status = jdbc.sql("SELECT status FROM reservations WHERE order_id = :id FOR UPDATE")
                .param("id", orderId).query(String.class).single();
        List<ReservedLine> lines = lines(orderId);
        if ("ACTIVE".equals(status)) {
            List<Item> changed = new ArrayList<>();
            Map<String, Integer> deltas = new LinkedHashMap<>();
            for (ReservedLine line : lines) {
                changed.add(jdbc.sql("UPDATE items SET available = available + :qty, reserved = reserved - :qty,"
                                + " version = version + 1, updated_at = now() WHERE sku = :sku RETURNING "
                                + ItemRepository.COLUMNS)
                        .param("sku", line.sku()).param("qty", line.qty())
                        .query(ItemRepository::map).single());
                deltas.put(line.sku(), line.qty());
            }
            movements.recordForOrder("RELEASE", orderId, "released from order " + orderId, deltas);
            jdbc.sql("UPDATE reservations SET status = 'RELEASED', released_at = now() WHERE order_id = :id")
                    .param("id", orderId).update();
            cache.putAfterCommit(changed);
        }
        return new Reservation(orderId, "RELEASED", lines);
    }

    Optional<Reservation> find(UUID orderId) {
        return jdbc.sql("SELECT status FROM reservations WHERE order_id = :id").param("id", orderId)
                .query(String.class).optional()
                .map(status -> new Reservation(orderId, status, lines(orderId)));
    }

    private Reservation replay(UUID orderId, String hash) {
        record Existing(String status, String hash) {
        }
        Existing existing = jdbc.sql("SELECT status, request_hash FROM reservations WHERE order_id = :id")
                .param("id", orderId).query((rs, i) -> new Existing(rs.getString(1), rs.getString(2))).single();
        if (existing.hash() == null) {
            throw ProblemException.conflict("Order " + orderId + " was already released; it cannot reserve stock.")
                    .with("orderId", orderId);
        }
        if (!existing.hash().equals(hash)) {
            throw ProblemException.conflict("Order " + orderId + " already reserved different lines.")
                    .with("orderId", orderId);
        }
        return new Reservation(orderId, existing.status(), lines(orderId));
    }

    private void insertLines(UUID orderId, List<ReservedLine> lines) {
        StringBuilder sql = new StringBuilder("INSERT INTO reservation_lines (order_id, sku, name, qty, unit_price_cents) VALUES ");
        Map<String, Object> params = new HashMap<>(Map.of("id", orderId));
        for (int i = 0; i < lines.size(); i++) {
            ReservedLine line = lines.get(i);
            sql.append(i == 0 ? "" : ", ").append("(:id, :sku").append(i).append(", :name").append(i).append(", :qty")
                    .append(i).append(", :price").append(i).append(')');
            params.put("sku" + i, line.sku());
            params.put("name" + i, line.name());
            params.put("qty" + i, line.qty());
            params.put("price" + i, line.unitPriceCents());
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    private List<ReservedLine> lines(UUID orderId) {
        return jdbc.sql("SELECT sku, name, qty, unit_price_cents FROM reservation_lines WHERE order_id = :id ORDER BY sku")
                .param("id", orderId)
                .query((rs, i) -> new ReservedLine(rs.getString("sku"), rs.getString("name"), rs.getInt("qty"),
                        rs.getLong("unit_price_cents")))
                .list();
    }

    private ProblemException shortOf(Line line) {
        record Stock(int available, boolean archived) {
        }
        Optional<Stock> stock = jdbc.sql("SELECT available, archived FROM items WHERE sku = :sku")
                .param("sku", line.sku()).query((rs, i) -> new Stock(rs.getInt(1), rs.getBoolean(2))).optional();
        if (stock.isEmpty() || stock.get().archived()) {
            return ProblemException.unprocessable("lines", "unknown SKU " + line.sku()).with("sku", line.sku());
        }
        return ProblemException.conflict("Insufficient stock for " + line.sku() + ": " + stock.get().available()
                        + " available, " + line.qty() + " requested.")
                .with("sku", line.sku()).with("available", stock.get().available());
    }

    private static String hash(List<Line> sortedLines) {
        StringBuilder canonical = new StringBuilder();
        sortedLines.forEach(l -> canonical.append(l.sku()).append(':').append(l.qty()).append(';'));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
