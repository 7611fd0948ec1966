package io.orderfleet.users.ordertotals;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetDataJpaTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The per-order rows and their totals against the real PostgreSQL (each test's transaction is rolled
 * back; {@link CustomerTotals} is built by hand so the slice context stays the one other slice tests share).
 */
@FleetDataJpaTest
class CustomerOrdersTest {

    static final Instant MORNING = Instant.parse("2026-11-30T08:00:00Z");

    @Autowired
    CustomerOrders orders;
    CustomerTotals totals;

    @BeforeEach
    void setUp() {
        totals = new CustomerTotals(orders);
    }
    @Autowired
    ProcessedOrderEvents processed;

    static long someUser() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
    }

    @Test
    void eventsMergeIntoOneRowPerOrderAndOnlyOrdersConfirmedAndNotCancelledCountAsSpend() {
        long user = someUser();
        UUID kept = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        orders.record(kept, user, MORNING, 1000, false, false);
        orders.record(kept, user, MORNING, 1200, true, false);
        orders.record(kept, user, MORNING, 1200, true, false);
        orders.record(cancelled, user, MORNING.plusSeconds(60), 500, true, false);
        orders.record(cancelled, user, MORNING.plusSeconds(60), 500, false, true);
        orders.record(rejected, user, MORNING.plusSeconds(120), 900, false, false);

        OrderTotals mine = totals.of(List.of(user)).get(user);

        assertThat(mine).isEqualTo(new OrderTotals(3, 1200, MORNING.plusSeconds(120)));
    }

    @Test
    void aConfirmationSeenAfterTheCancellationStillLeavesTheOrderCancelled() {
        long user = someUser();
        UUID order = UUID.randomUUID();
        orders.record(order, user, MORNING, 500, false, true);
        orders.record(order, user, MORNING, 500, true, false);

        assertThat(totals.of(List.of(user)).get(user)).isEqualTo(new OrderTotals(1, 0, MORNING));
    }

    @Test
    void usersWithoutOrdersHaveNone() {
        long buyer = someUser();
        long idle = someUser();
        orders.record(UUID.randomUUID(), buyer, MORNING, 100, true, false);

        Map<Long, OrderTotals> both = totals.of(List.of(buyer, idle));

        assertThat(both.get(idle)).isEqualTo(OrderTotals.NONE);
        assertThat(both.get(buyer)).isEqualTo(new OrderTotals(1, 100, MORNING));
        assertThat(totals.of(List.of())).isEmpty();
    }

    @Test
    void anEventIdIsClaimedOnce() {
        UUID id = UUID.randomUUID();

        assertThat(processed.claim(id, OrderEvent.CREATED)).isEqualTo(1);
        assertThat(processed.claim(id, OrderEvent.CREATED)).isZero();
    }
}
