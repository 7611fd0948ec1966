package io.orderfleet.inventory.movement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stock ledger. Every change of stock records its movements here, in the same transaction
 * (MANDATORY: a movement without its stock change, or the reverse, cannot be written).
 */
@Component
public class MovementLedger {

    private final MovementRepository movements;

    MovementLedger(MovementRepository movements) {
        this.movements = movements;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAdjustment(String sku, int delta, String reason, String actorId) {
        movements.save(new StockMovement(sku, delta, reason, StockMovement.Kind.ADJUSTMENT, null, actorId));
    }

    /** All lines of an order in one JDBC batch (one multi-row INSERT): few round trips inside the row locks. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordReservation(UUID orderId, Map<String, Integer> deltaBySku) {
        recordForOrder(StockMovement.Kind.RESERVATION, orderId, "reserved for order " + orderId, deltaBySku);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordRelease(UUID orderId, Map<String, Integer> deltaBySku) {
        recordForOrder(StockMovement.Kind.RELEASE, orderId, "released from order " + orderId, deltaBySku);
    }

    private void recordForOrder(StockMovement.Kind kind, UUID orderId, String reason, Map<String, Integer> deltaBySku) {
        List<StockMovement> rows = new ArrayList<>();
        deltaBySku.forEach((sku, delta) -> rows.add(new StockMovement(sku, delta, reason, kind, orderId, null)));
        movements.saveAll(rows);
    }
}
