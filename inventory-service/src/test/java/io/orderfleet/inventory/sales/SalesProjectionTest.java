package io.orderfleet.inventory.sales;

import static io.orderfleet.common.events.OrderEvent.CANCELLED;
import static io.orderfleet.common.events.OrderEvent.CONFIRMED;
import static io.orderfleet.common.events.OrderEvent.CREATED;
import static io.orderfleet.common.events.OrderEventProjection.Outcome.APPLIED;
import static io.orderfleet.common.events.OrderEventProjection.Outcome.DUPLICATE;
import static io.orderfleet.common.events.OrderEventProjection.Outcome.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.events.OrderEvent;
import io.orderfleet.common.test.FleetDataJpaTest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A poll applied by the projection against the real PostgreSQL (built by hand so the slice context stays
 * the one the other slice tests share; each test's transaction is rolled back).
 */
@FleetDataJpaTest
class SalesProjectionTest {

    static final Instant MONDAY_NOON = Instant.parse("2026-11-23T12:00:00Z");

    @Autowired
    OrderSales sales;
    @Autowired
    ProcessedOrderEvents processed;
    SalesProjection projection;
    final String sku = "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @BeforeEach
    void setUp() {
        projection = new SalesProjection(processed, sales);
    }

    OrderEvent event(String type, UUID order, int... qtys) {
        List<OrderEvent.Line> lines = Arrays.stream(qtys).mapToObj(q -> new OrderEvent.Line(sku, q, 100)).toList();
        return new OrderEvent(UUID.randomUUID(), type, MONDAY_NOON,
                new OrderEvent.Order(order, 7, "ANY", lines, 100, MONDAY_NOON));
    }

    long unitsSold() {
        return sales.dailyUnits(List.of(sku), LocalDate.of(2026, 11, 23)).stream()
                .mapToLong(OrderSales.DailyUnits::getUnits).sum();
    }

    @Test
    void aPollHasTheEffectOfItsEventsAppliedOneByOne() {
        UUID cancelledAfterConfirm = UUID.randomUUID();
        UUID confirmedAfterCancel = UUID.randomUUID();
        UUID splitLine = UUID.randomUUID();
        OrderEvent copied = event(CONFIRMED, splitLine, 1, 4);
        var unknown = new OrderEvent(UUID.randomUUID(), "io.orderfleet.order.shipped.v1", null, null);
        List<OrderEvent> poll = List.of(
                event(CREATED, cancelledAfterConfirm, 2),
                event(CONFIRMED, cancelledAfterConfirm, 2),
                event(CANCELLED, cancelledAfterConfirm, 2),
                // never published in this order; one by one, the cancellation finds nothing to take back
                event(CANCELLED, confirmedAfterCancel, 3),
                event(CONFIRMED, confirmedAfterCancel, 3),
                copied, copied, unknown);

        assertThat(projection.apply(poll))
                .containsExactly(SKIPPED, APPLIED, APPLIED, APPLIED, APPLIED, APPLIED, DUPLICATE, SKIPPED);
        assertThat(unitsSold()).as("3 units of the late confirmation, 1 + 4 of the split line").isEqualTo(8);

        assertThat(projection.apply(poll)).as("the same poll again").containsOnly(DUPLICATE);
        assertThat(unitsSold()).isEqualTo(8);
    }
}
