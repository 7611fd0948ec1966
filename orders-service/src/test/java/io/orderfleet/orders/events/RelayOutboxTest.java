package io.orderfleet.orders.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderfleet.common.test.FleetDatabaseInitializer;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Kafka relay's statements ({@link RelayOutbox}) against the real PostgreSQL schema that Flyway
 * builds. The slice has a database of its own: the locking test commits its rows, and in the module's
 * shared orders database the relay and the webhook fan-out of the full-context tests (alive in Spring's
 * context cache) would claim them. The other tests run in a transaction that is rolled back. Events are
 * stamped with fixed {@code created_at} values, so their order is the test's and not the clock's.
 */
@DataJpaTest(showSql = false, properties = "orderfleet.test.database=ordersrelaydb")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = FleetDatabaseInitializer.class)
class RelayOutboxTest {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Autowired
    RelayOutbox outbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    EntityManager entityManager;
    @Autowired
    PlatformTransactionManager transactions;

    private final List<UUID> orders = new ArrayList<>();

    private UUID order() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO orders (id, user_id, status) VALUES (:id, 77, 'CONFIRMED')").param("id", id).update();
        orders.add(id);
        return id;
    }

    /** An order event (a ping when {@code orderId} is null) created {@code second} seconds after a fixed instant. */
    private UUID event(UUID orderId, int second) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO outbox_events (id, type, order_id, body, traceparent, created_at)
                VALUES (:id, :type, :order, :body, :traceparent,
                        TIMESTAMPTZ '2020-01-01 00:00:00+00' + make_interval(secs => :second))""")
                .param("id", id).param("type", orderId == null ? "webhook.ping" : "order.status_changed")
                .param("order", orderId).param("body", "{\"event\":\"" + id + "\"}")
                .param("traceparent", orderId == null ? null : TRACEPARENT).param("second", second).update();
        return id;
    }

    /** An order event the broker already acknowledged, an hour after it was created. */
    private UUID published(UUID orderId, int second) {
        UUID id = event(orderId, second);
        jdbc.sql("UPDATE outbox_events SET published_at = created_at + interval '1 hour' WHERE id = :id")
                .param("id", id).update();
        return id;
    }

    private Instant publishedAt(UUID id) {
        return jdbc.sql("SELECT published_at FROM outbox_events WHERE id = :id").param("id", id)
                .query(Instant.class).optional().orElse(null);
    }

    private static List<UUID> ids(List<PendingEvent> events) {
        return events.stream().map(PendingEvent::id).toList();
    }

    @Test
    void aClaimTakesOnlyTheOldestUnpublishedEventOfEachOrderOldestFirstAndNeverAPing() {
        UUID first = order();
        UUID second = order();
        UUID secondsPublished = published(second, 0);
        UUID ping = event(null, 1);
        UUID firstsOldest = event(first, 2);
        UUID firstsNext = event(first, 3);
        UUID secondsOldestUnpublished = event(second, 4);
        UUID secondsNext = event(second, 5);

        List<PendingEvent> claimed = outbox.claim(100);

        assertThat(ids(claimed)).containsExactly(firstsOldest, secondsOldestUnpublished)
                .doesNotContain(secondsPublished, ping, firstsNext, secondsNext);
        assertThat(claimed.getFirst()).isEqualTo(new PendingEvent(firstsOldest, "order.status_changed", first,
                "{\"event\":\"" + firstsOldest + "\"}", TRACEPARENT));
        assertThat(entityManager.unwrap(Session.class).getStatistics().getEntityCount())
                .as("the claim builds records, it loads no entity").isZero();
        assertThat(ids(outbox.claim(1))).as("the limit takes the oldest").containsExactly(firstsOldest);

        outbox.markPublished(List.of(firstsOldest));

        assertThat(ids(outbox.claim(100))).as("once acknowledged, the order's next event is eligible")
                .containsExactly(firstsNext, secondsOldestUnpublished);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aSecondInstanceSkipsTheRowsTheFirstHoldsAndDoesNotOvertakeThemWithALaterEventOfTheSameOrder() {
        try {
            UUID first = order();
            UUID second = order();
            UUID firstsOldest = event(first, 0);
            event(first, 1);
            UUID secondsOldest = event(second, 2);
            var instance = new TransactionTemplate(transactions);
            var otherInstance = new TransactionTemplate(transactions);
            otherInstance.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

            instance.executeWithoutResult(tx -> {
                assertThat(ids(outbox.claim(1))).containsExactly(firstsOldest);
                // a transaction of its own on another connection, while the first still holds its row
                List<UUID> others = otherInstance.execute(other -> ids(outbox.claim(100)));
                assertThat(others).as("the held row is skipped, and the order's later event waits behind it")
                        .containsExactly(secondsOldest);
            });

            List<UUID> afterwards = instance.execute(tx -> ids(outbox.claim(100)));
            assertThat(afterwards).as("the locks end with the transactions")
                    .containsExactly(firstsOldest, secondsOldest);
        } finally {
            if (!orders.isEmpty()) {
                jdbc.sql("DELETE FROM outbox_events WHERE order_id IN (:orders)").param("orders", orders).update();
                jdbc.sql("DELETE FROM orders WHERE id IN (:orders)").param("orders", orders).update();
            }
        }
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void claimingOrMarkingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> outbox.claim(1)).isInstanceOf(IllegalTransactionStateException.class);
        assertThatThrownBy(() -> outbox.markPublished(List.of(UUID.randomUUID())))
                .isInstanceOf(IllegalTransactionStateException.class);
    }

    @Test
    void markingPublishedStampsOnlyUnpublishedEventsAndCountsThem() {
        UUID order = order();
        UUID acknowledged = event(order, 0);
        UUID waiting = event(order, 1);
        UUID alreadyPublished = published(order, 2);
        Instant firstMark = publishedAt(alreadyPublished);

        assertThat(outbox.markPublished(List.of(acknowledged, alreadyPublished))).isEqualTo(1);

        Instant mark = publishedAt(acknowledged);
        assertThat(mark).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
        assertThat(publishedAt(alreadyPublished)).as("a mark is never moved").isEqualTo(firstMark);
        assertThat(publishedAt(waiting)).isNull();
        assertThat(outbox.markPublished(List.of(acknowledged))).as("marked once").isZero();
        assertThat(publishedAt(acknowledged)).isEqualTo(mark);
        assertThat(outbox.markPublished(List.of())).isZero();
        assertThat(publishedAt(waiting)).isNull();
    }

    @Test
    void theLagCountsOnlyUnpublishedOrderEvents() {
        long before = outbox.lag();
        UUID order = order();
        event(order, 0);
        event(order, 1);
        published(order, 2);
        event(null, 3);

        assertThat(outbox.lag()).isEqualTo(before + 2);
    }
}
