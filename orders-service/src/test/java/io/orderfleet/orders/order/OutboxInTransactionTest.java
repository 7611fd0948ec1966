package io.orderfleet.orders.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderfleet.orders.OrdersTestBase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook outbox row of an order change commits with the change, or neither exists. */
class OutboxInTransactionTest extends OrdersTestBase {

    @Autowired
    OrderTransactions orders;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JsonMapper json;
    @PersistenceContext
    EntityManager entityManager;

    private long ordersWithId(UUID id) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE id = :id").param("id", id).query(Long.class).single();
    }

    private List<String> outboxBodies(UUID orderId) {
        return jdbc.sql("SELECT body FROM outbox_events WHERE order_id = :id ORDER BY created_at").param("id", orderId)
                .query(String.class).list();
    }

    private void placePending(UUID id) {
        orders.createPending(id, 501, List.of(OrderLine.requested("SKU-OUTBOX", 2)), null, null, false);
    }

    @Test
    void anOrderChangeThatRollsBackLeavesNeitherTheOrderNorItsOutboxEvent() {
        UUID id = UUID.randomUUID();

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            placePending(id);
            entityManager.flush();
            assertThat(outboxBodies(id)).as("written inside the transaction").hasSize(1);
            tx.setRollbackOnly();
        });

        assertThat(ordersWithId(id)).isZero();
        assertThat(outboxBodies(id)).isEmpty();
    }

    @Test
    void aFailureLaterInTheTransactionTakesTheOutboxEventDownWithTheOrder() {
        UUID id = UUID.randomUUID();

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            placePending(id);
            throw new IllegalStateException("crash before commit");
        })).hasMessage("crash before commit");

        assertThat(ordersWithId(id)).isZero();
        assertThat(outboxBodies(id)).isEmpty();
    }

    @Test
    void aCommittedOrderChangeHasExactlyItsOutboxEventWithTheOrderAsData() {
        UUID id = UUID.randomUUID();

        placePending(id);

        assertThat(ordersWithId(id)).isEqualTo(1);
        List<String> bodies = outboxBodies(id);
        assertThat(bodies).hasSize(1);
        JsonNode body = json.readTree(bodies.getFirst());
        assertThat(body.get("type").asString()).isEqualTo("order.created");
        assertThat(body.get("data").get("id").asString()).isEqualTo(id.toString());
        assertThat(body.get("data").get("status").asString()).isEqualTo("PENDING");
        assertThat(jdbc.sql("SELECT id FROM outbox_events WHERE order_id = :id").param("id", id).query(UUID.class).single())
                .hasToString(body.get("id").asString());
    }

    @Test
    void anOrderChangePublishedOutsideATransactionIsRefused() {
        UUID id = UUID.randomUUID();
        var view = new OrderView(id, 502, "PENDING", List.of(), 0, java.time.Instant.now(), java.time.Instant.now());

        assertThatThrownBy(() -> events.publishEvent(new OrderChanged(id, 502, "order.created", view, java.time.Instant.now())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }
}
