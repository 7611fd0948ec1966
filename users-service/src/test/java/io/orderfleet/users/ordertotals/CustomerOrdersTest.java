package io.orderfleet.users.ordertotals;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.events.OrderEvent;
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

    /** One event merged, through the statement that merges a poll's orders. */
    void record(UUID order, long user, Instant placedAt, long totalCents, boolean confirmed, boolean cancelled) {
        orders.record(new UUID[] {order}, new Long[] {user}, new Instant[] {placedAt}, new Long[] {totalCents},
                new Boolean[] {confirmed}, new Boolean[] {cancelled});
    }

    static long someUser() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
    }

    @Test
    void eventsMergeIntoOneRowPerOrderAndOnlyOrdersConfirmedAndNotCancelledCountAsSpend() {
        long user = someUser();
        UUID kept = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        UUID rejected = UUID.randomUUID();
        record(kept, user, MORNING, 1000, false, false);
        record(kept, user, MORNING, 1200, true, false);
        record(kept, user, MORNING, 1200, true, false);
        record(cancelled, user, MORNING.plusSeconds(60), 500, true, false);
        record(cancelled, user, MORNING.plusSeconds(60), 500, false, true);
        record(rejected, user, MORNING.plusSeconds(120), 900, false, false);

        OrderTotals mine = totals.of(List.of(user)).get(user);

        assertThat(mine).isEqualTo(new OrderTotals(3, 1200, MORNING.plusSeconds(120)));
    }

    @Test
    void aConfirmationSeenAfterTheCancellationStillLeavesTheOrderCancelled() {
        long user = someUser();
        UUID order = UUID.randomUUID();
        record(order, user, MORNING, 500, false, true);
        record(order, user, MORNING, 500, true, false);

        assertThat(totals.of(List.of(user)).get(user)).isEqualTo(new OrderTotals(1, 0, MORNING));
    }

    @Test
    void usersWithoutOrdersHaveNone() {
        long buyer = someUser();
        long idle = someUser();
        record(UUID.randomUUID(), buyer, MORNING, 100, true, false);

        Map<Long, OrderTotals> both = totals.of(List.of(buyer, idle));

        assertThat(both.get(idle)).isEqualTo(OrderTotals.NONE);
        assertThat(both.get(buyer)).isEqualTo(new OrderTotals(1, 100, MORNING));
        assertThat(totals.of(List.of())).isEmpty();
    }

    @Test
    void aPollsOrdersAreMergedByOneStatement() {
        long user = someUser();
        UUID known = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        record(known, user, MORNING, 700, false, false);

        assertThat(orders.record(new UUID[] {known, fresh}, new Long[] {user, user},
                new Instant[] {MORNING, MORNING.plusSeconds(60)}, new Long[] {800L, 300L},
                new Boolean[] {true, true}, new Boolean[] {false, true})).isEqualTo(2);

        assertThat(totals.of(List.of(user)).get(user)).isEqualTo(new OrderTotals(2, 800, MORNING.plusSeconds(60)));
    }

    @Test
    void anEventIdIsClaimedOnceEvenWhenAPollRepeatsIt() {
        UUID id = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String[] types = {OrderEvent.CREATED, OrderEvent.CREATED, OrderEvent.CONFIRMED};

        assertThat(processed.claim(new UUID[] {id, id, other}, types)).containsExactlyInAnyOrder(id, other);
        assertThat(processed.claim(new UUID[] {id}, new String[] {OrderEvent.CREATED})).isEmpty();
    }
}
