package io.orderfleet.inventory.movement;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetDataJpaTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;

@FleetDataJpaTest
@Import(MovementLedger.class)
class MovementLedgerTest {

    @Autowired
    MovementLedger ledger;
    @Autowired
    MovementRepository movements;
    @Autowired
    TestEntityManager em;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anOrdersMovementsAreWrittenTogetherAndTheLedgerReadsNewestFirst() {
        String a = "M-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String b = "M-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.sql("INSERT INTO items (sku, name, price_cents, available, initial_stock) VALUES (:a, 'A', 1, 9, 9),"
                + " (:b, 'B', 1, 9, 9)").param("a", a).param("b", b).update();
        UUID order = UUID.randomUUID();
        Map<String, Integer> deltas = new LinkedHashMap<>();
        deltas.put(a, -2);
        deltas.put(b, -3);

        ledger.recordAdjustment(a, 4, "delivery", "7");
        ledger.recordReservation(order, deltas);
        ledger.recordRelease(order, Map.of(a, 2));
        em.flush();
        em.clear();

        var page = movements.findBySkuOrderByCreatedAtDescIdDesc(a, PageRequest.of(0, 10)).map(StockMovement::view);
        assertThat(page.getTotalElements()).isEqualTo(3);
        assertThat(page.getContent()).extracting(Movement::kind).containsExactly("RELEASE", "RESERVATION", "ADJUSTMENT");
        assertThat(page.getContent()).extracting(Movement::delta).containsExactly(2, -2, 4);
        assertThat(page.getContent().get(2).actorId()).isEqualTo("7");
        assertThat(page.getContent().get(1).orderId()).isEqualTo(order);
        assertThat(movements.findBySkuOrderByCreatedAtDescIdDesc(b, PageRequest.of(0, 10)).getContent())
                .extracting(m -> m.view().delta()).containsExactly(-3);
    }
}
