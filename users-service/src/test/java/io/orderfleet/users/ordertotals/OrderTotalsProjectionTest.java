package io.orderfleet.users.ordertotals;

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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A poll applied by the projection against the real PostgreSQL (built by hand so the slice context stays
 * the one the other slice tests share; each test's transaction is rolled back).
 */
@FleetDataJpaTest
class OrderTotalsProjectionTest {

    static final Instant MORNING = Instant.parse("2026-11-30T08:00:00Z");

    @Autowired
    CustomerOrders orders;
    @Autowired
    ProcessedOrderEvents processed;
    OrderTotalsProjection projection;
    final long user = ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);

    @BeforeEach
    void setUp() {
        projection = new OrderTotalsProjection(processed, orders);
    }

    OrderEvent event(String type, UUID order, long totalCents, Instant placedAt) {
        return new OrderEvent(UUID.randomUUID(), type, placedAt, new OrderEvent.Order(order, user, "ANY",
                List.of(new OrderEvent.Line("KB-1", 1, totalCents)), totalCents, placedAt));
    }

    OrderTotals totals() {
        return new CustomerTotals(orders).of(List.of(user)).get(user);
    }

    @Test
    void aPollHasTheEffectOfItsEventsAppliedOneByOne() {
        UUID kept = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID pending = UUID.randomUUID();
        OrderEvent confirmation = event(CONFIRMED, kept, 1200, MORNING);
        var unknown = new OrderEvent(UUID.randomUUID(), "io.orderfleet.order.shipped.v1", null, null);
        List<OrderEvent> poll = List.of(
                event(CREATED, kept, 0, MORNING), confirmation, confirmation,
                event(CONFIRMED, cancelled, 500, MORNING.plusSeconds(60)),
                event(CANCELLED, cancelled, 500, MORNING.plusSeconds(60)),
                event(CREATED, pending, 0, MORNING.plusSeconds(120)), unknown);

        assertThat(projection.apply(poll))
                .containsExactly(APPLIED, APPLIED, DUPLICATE, APPLIED, APPLIED, APPLIED, SKIPPED);
        assertThat(totals()).isEqualTo(new OrderTotals(3, 1200, MORNING.plusSeconds(120)));

        assertThat(projection.apply(poll)).as("the same poll again").containsOnly(DUPLICATE);
        assertThat(totals()).isEqualTo(new OrderTotals(3, 1200, MORNING.plusSeconds(120)));
    }
}
