package io.orderfleet.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.TestTokens;
import io.orderfleet.orders.OrdersTestBase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Inventory's answer to a reserve meets an order that the reconciler already settled. */
class LateReserveAnswerTest extends OrdersTestBase {

    @Autowired
    OrderTransactions orders;

    @Test
    void aReserveAnswerArrivingAfterTheReconcilerConfirmedTheOrderLeavesItConfirmedWithItsStockHeld() {
        UUID id = UUID.randomUUID();
        orders.createPending(id, 601, List.of(OrderLine.requested("SKU-LATE", 2)), null, null, false);
        List<OrderLine> priced = List.of(OrderLine.priced("SKU-LATE", "Late", 2, 150));
        orders.confirmReconciled(id, priced);

        OrderView late = orders.confirm(id, priced);

        assertThat(late.status()).isEqualTo("CONFIRMED");
        assertThat(late.totalCents()).isEqualTo(300);
        assertThat(jdbc.sql("SELECT release_pending FROM orders WHERE id = :id").param("id", id).query(Boolean.class)
                .single()).as("the reservation belongs to a live order").isFalse();
        assertThat(api.get("/api/v1/orders/" + id + "/events", TestTokens.user(601)).json().findValuesAsString("type"))
                .containsExactly("CREATED", "RECONCILED", "STATUS_CHANGED");
    }
}
