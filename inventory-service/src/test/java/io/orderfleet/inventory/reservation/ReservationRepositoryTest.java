package io.orderfleet.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetDataJpaTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hand-written inserts that make reserve and release idempotent, and the release lock. */
@FleetDataJpaTest
class ReservationRepositoryTest {

    static final String HASH = "a".repeat(64);

    @Autowired
    ReservationRepository reservations;
    @Autowired
    ReservationLineRepository lines;
    @Autowired
    TestEntityManager em;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theFirstClaimOfAnOrderInsertsItsRowAndEveryLaterOneChangesNothing() {
        UUID order = UUID.randomUUID();

        assertThat(reservations.claim(order, HASH)).isEqualTo(1);
        assertThat(reservations.claim(order, "b".repeat(64))).isZero();
        assertThat(reservations.tombstone(order)).isZero();

        StockReservation stored = reservations.findById(order).orElseThrow();
        assertThat(stored.status()).isEqualTo(StockReservation.Status.ACTIVE);
        assertThat(stored.requested(HASH)).isTrue();
        assertThat(stored.isTombstone()).isFalse();
    }

    @Test
    void aReleaseOfAnUnknownOrderLeavesATombstoneThatRefusesALaterClaim() {
        UUID order = UUID.randomUUID();

        assertThat(reservations.tombstone(order)).isEqualTo(1);
        assertThat(reservations.claim(order, HASH)).isZero();

        StockReservation stored = reservations.findForUpdate(order).orElseThrow();
        assertThat(stored.status()).isEqualTo(StockReservation.Status.RELEASED);
        assertThat(stored.isTombstone()).isTrue();
    }

    @Test
    void releasingALockedReservationWritesItsStatusAndTime() {
        UUID order = UUID.randomUUID();
        reservations.claim(order, HASH);
        em.clear();

        reservations.findForUpdate(order).orElseThrow().release();
        em.flush();

        var row = jdbc.sql("SELECT status, released_at IS NOT NULL AS released, request_hash FROM reservations"
                + " WHERE order_id = :id").param("id", order).query().singleRow();
        assertThat(row.get("status")).isEqualTo("RELEASED");
        assertThat(row.get("released")).isEqualTo(true);
        assertThat(row.get("request_hash")).as("the request hash survives the release").isEqualTo(HASH);
    }

    @Test
    void linesAreInsertedWithoutReadingFirstAndReadBackInSkuOrder() {
        UUID order = UUID.randomUUID();
        reservations.claim(order, HASH);
        String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String a = "L-A" + tag;
        String b = "L-B" + tag;
        jdbc.sql("INSERT INTO items (sku, name, price_cents, available, initial_stock) VALUES (:a, 'A', 1, 1, 1),"
                + " (:b, 'B', 2, 1, 1)").param("a", a).param("b", b).update();

        lines.saveAll(List.of(new ReservationLine(order, b, "B", 2, 200), new ReservationLine(order, a, "A", 1, 100)));
        em.flush();
        em.clear();

        assertThat(lines.findByOrderIdOrderBySku(order)).extracting(ReservationLine::view)
                .containsExactly(new ReservationDtos.ReservedLine(a, "A", 1, 100),
                        new ReservationDtos.ReservedLine(b, "B", 2, 200));
    }
}
