package io.orderfleet.orders.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.orders.clients.InventoryClient;
import io.orderfleet.orders.clients.InventoryClient.ReserveResult;
import io.orderfleet.orders.clients.PeerUnavailableException;
import io.orderfleet.orders.clients.UsersClient;
import io.orderfleet.orders.clients.UsersClient.UserCheck;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The place-order saga (see docs/orders-saga.md): check the user, persist the order PENDING with its
 * Idempotency-Key, reserve stock with the order id as inventory's idempotency key, then CONFIRM or
 * REJECT. When the outcome of the reserve is unknown (timeout, inventory down) the order is rejected
 * and marked release-pending, so the release worker gives back whatever may have been reserved (a
 * release of an unknown order leaves a tombstone that refuses the late reserve); the 503 names the
 * rejected order, and its Idempotency-Key keeps answering it.
 */
@Service
class OrderPlacement {

    record Placed(OrderView order, boolean created) {
    }

    private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

    private final OrderTransactions orders;
    private final UsersClient users;
    private final InventoryClient inventory;
    private final Counter placed;
    private final Counter rejected;

    OrderPlacement(OrderTransactions orders, UsersClient users, InventoryClient inventory, MeterRegistry meters) {
        this.orders = orders;
        this.users = users;
        this.inventory = inventory;
        this.placed = meters.counter("orders.placed");
        this.rejected = meters.counter("orders.rejected");
    }

    Placed place(FleetPrincipal me, List<OrderLine> requested, String idempotencyKey) {
        List<OrderLine> lines = requested.stream().sorted(Comparator.comparing(OrderLine::sku)).toList();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).sku().equals(lines.get(i - 1).sku())) {
                throw ProblemException.unprocessable("items", "SKU " + lines.get(i).sku() + " appears more than once");
            }
        }
        String requestHash = hash(lines);
        if (idempotencyKey != null) {
            var existing = orders.existingForKey(me.userId(), idempotencyKey, requestHash);
            if (existing != null) {
                return new Placed(existing, false);
            }
        }
        if (inventory.isOpen()) {
            throw unavailable("Inventory is unavailable right now; nothing was ordered. Try again shortly.");
        }
        UserCheck user = users.check(me.userId());
        if (user == UserCheck.INACTIVE || user == UserCheck.UNKNOWN) {
            throw ProblemException.forbidden("This account cannot place orders.");
        }

        UUID orderId = UUID.randomUUID();
        OrderView pending = orders.createPending(orderId, me.userId(), lines, idempotencyKey, requestHash,
                user == UserCheck.UNAVAILABLE);
        if (pending == null) {
            // a concurrent request with the same key won the race: answer with its order
            OrderView winner = orders.existingForKey(me.userId(), idempotencyKey, requestHash);
            if (winner == null) {
                // the winner's key was purged in the meantime (it is days old): this request starts afresh
                return place(me, requested, idempotencyKey);
            }
            return new Placed(winner, false);
        }

        ReserveResult result;
        try {
            result = inventory.reserve(orderId, lines.stream().map(l -> new InventoryClient.Line(l.sku(), l.qty())).toList());
        } catch (PeerUnavailableException e) {
            log.warn("Reserve for order {} failed: {}", orderId, e.getMessage());
            orders.abandon(orderId, "Inventory did not answer; any stock it may hold is being released");
            rejected.increment();
            // orderId: this attempt is settled (REJECTED, its key answers it from now on); try again with a new key
            throw unavailable("Inventory is unavailable right now; the order was not placed. Try again shortly"
                    + " (with a new Idempotency-Key: this one now stands for the rejected order).")
                    .with("orderId", orderId);
        }
        return switch (result) {
            case ReserveResult.Reserved reserved -> {
                OrderView confirmed = orders.confirm(orderId, priced(reserved.reservation()));
                placed.increment();
                yield new Placed(confirmed, true);
            }
            case ReserveResult.Refused refused -> {
                orders.reject(orderId, refused.detail());
                rejected.increment();
                ProblemException problem = new ProblemException(HttpStatus.valueOf(refused.status()),
                        refused.status() == 409 ? "Insufficient stock" : "Validation failed", refused.detail())
                        .with("orderId", orderId);
                for (String member : List.of("sku", "available", "errors")) {
                    if (refused.problem().get(member) != null) {
                        problem.with(member, refused.problem().get(member));
                    }
                }
                throw problem;
            }
        };
    }

    private static ProblemException unavailable(String detail) {
        return ProblemException.serviceUnavailable(detail, 5);
    }

    /** Inventory's reservation, in the order's own terms: the lines with their names and prices. */
    static List<OrderLine> priced(InventoryClient.Reservation reservation) {
        return reservation.lines().stream()
                .map(l -> OrderLine.priced(l.sku(), l.name(), l.qty(), l.unitPriceCents())).toList();
    }

    static String hash(List<OrderLine> sortedLines) {
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
