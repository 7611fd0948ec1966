package io.orderfleet.inventory.reservation;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.inventory.item.Item;
import io.orderfleet.inventory.item.ItemCache;
import io.orderfleet.inventory.item.ItemRepository;
import io.orderfleet.inventory.item.ItemView;
import io.orderfleet.inventory.movement.MovementLedger;
import io.orderfleet.inventory.reservation.ReservationDtos.Line;
import io.orderfleet.inventory.reservation.ReservationDtos.Reservation;
import io.orderfleet.inventory.reservation.ReservationDtos.ReservedLine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

    private final ReservationRepository reservations;
    private final ReservationLineRepository reservationLines;
    private final ItemRepository items;
    private final MovementLedger ledger;
    private final ItemCache cache;

    ReservationService(ReservationRepository reservations, ReservationLineRepository reservationLines,
            ItemRepository items, MovementLedger ledger, ItemCache cache) {
        this.reservations = reservations;
        this.reservationLines = reservationLines;
        this.items = items;
        this.ledger = ledger;
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
        if (reservations.claim(orderId, hash) == 0) {
            return new Outcome(replay(orderId, hash), false);
        }
        List<ReservationLine> reserved = new ArrayList<>();
        List<ItemView> changed = new ArrayList<>();
        Map<String, Integer> deltas = new LinkedHashMap<>();
        for (Line line : lines) {
            ItemView item = items.takeStock(line.sku(), line.qty()).orElseThrow(() -> shortOf(line));
            reserved.add(new ReservationLine(orderId, item.sku(), item.name(), line.qty(), item.priceCents()));
            deltas.put(item.sku(), -line.qty());
            changed.add(item);
        }
        reservationLines.saveAll(reserved);
        ledger.recordReservation(orderId, deltas);
        cache.publishAfterCommit(changed);
        return new Outcome(new Reservation(orderId, "ACTIVE", views(reserved)), true);
    }

    /**
     * Gives the units back. Releasing an orderId never seen leaves a tombstone so that a reserve which
     * arrives late (a retry after a timeout) is refused instead of holding stock for a dead order.
     */
    @Transactional
    Reservation release(UUID orderId) {
        if (reservations.tombstone(orderId) == 1) {
            return new Reservation(orderId, "RELEASED", List.of());
        }
        var reservation = reservations.findForUpdate(orderId).orElseThrow();
        List<ReservationLine> lines = reservationLines.findByOrderIdOrderBySku(orderId);
        if (reservation.status() == StockReservation.Status.ACTIVE) {
            List<ItemView> changed = new ArrayList<>();
            Map<String, Integer> deltas = new LinkedHashMap<>();
            for (ReservationLine line : lines) {
                changed.add(items.returnStock(line.sku(), line.qty()).orElseThrow());
                deltas.put(line.sku(), line.qty());
            }
            ledger.recordRelease(orderId, deltas);
            reservation.release();
            cache.publishAfterCommit(changed);
        }
        return new Reservation(orderId, "RELEASED", views(lines));
    }

    @Transactional(readOnly = true)
    Optional<Reservation> find(UUID orderId) {
        return reservations.findById(orderId).map(r -> new Reservation(orderId, r.status().name(),
                views(reservationLines.findByOrderIdOrderBySku(orderId))));
    }

    private Reservation replay(UUID orderId, String hash) {
        var existing = reservations.findById(orderId).orElseThrow();
        if (existing.isTombstone()) {
            throw ProblemException.conflict("Order " + orderId + " was already released; it cannot reserve stock.")
                    .with("orderId", orderId);
        }
        if (!existing.requested(hash)) {
            throw ProblemException.conflict("Order " + orderId + " already reserved different lines.")
                    .with("orderId", orderId);
        }
        return new Reservation(orderId, existing.status().name(), views(reservationLines.findByOrderIdOrderBySku(orderId)));
    }

    private static List<ReservedLine> views(List<ReservationLine> lines) {
        return lines.stream().map(ReservationLine::view).toList();
    }

    private ProblemException shortOf(Line line) {
        Optional<Item> stock = items.findById(line.sku());
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
