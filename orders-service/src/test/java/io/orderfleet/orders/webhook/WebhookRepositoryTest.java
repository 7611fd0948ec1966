package io.orderfleet.orders.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetInfrastructureInitializer;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * The webhook repositories' hand-written statements against the real PostgreSQL schema, each test in a
 * transaction that is rolled back (so {@code now()} is the test's start; due times are set before it).
 */
@DataJpaTest(showSql = false, properties = "spring.jpa.properties.hibernate.generate_statistics=true")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ContextConfiguration(initializers = FleetInfrastructureInitializer.class)
class WebhookRepositoryTest {

    @Autowired
    WebhookRepository webhooks;
    @Autowired
    OutboxEventRepository outbox;
    @Autowired
    DeliveryRepository deliveries;
    @Autowired
    EntityManager entityManager;
    @Autowired
    JdbcClient jdbc;

    private Webhook webhook(String... events) {
        return webhooks.save(Webhook.create("http://127.0.0.1:9/hook", List.of(events), null, "whsec_AAAA"));
    }

    private UUID order() {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO orders (id, user_id, status) VALUES (:id, 77, 'CONFIRMED')").param("id", id).update();
        return id;
    }

    private OutboxEvent event(UUID orderId, String type) {
        OutboxEvent event = outbox.save(OutboxEvent.orderChange(UUID.randomUUID(), type, orderId, "{}"));
        entityManager.flush(); // created_at is the database's clock at insert: events are stamped in this order
        return event;
    }

    /** A delivery that is due (since before this transaction), its event dispatched. */
    private UUID due(Webhook webhook, OutboxEvent event) {
        UUID id = deliveries.save(WebhookDelivery.due(webhook, event)).getId();
        entityManager.flush();
        jdbc.sql("UPDATE webhook_deliveries SET next_attempt_at = now() - interval '1 second' WHERE id = :id")
                .param("id", id).update();
        jdbc.sql("UPDATE outbox_events SET dispatched_at = clock_timestamp() WHERE id = :id").param("id", event.getId())
                .update();
        return id;
    }

    private List<UUID> claim(UUID token) {
        return deliveries.claimDue(token, Duration.ofMinutes(1), 1000).stream().map(DueDelivery::id).toList();
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    @Test
    void theFanOutGivesEverySubscribedWebhookOneDeliveryOnceAndMarksTheEventDispatched() {
        Webhook created = webhook("order.created");
        Webhook cancelled = webhook("order.cancelled");
        Webhook later = webhook("order.created");
        entityManager.flush();
        OutboxEvent event = event(order(), "order.created");
        jdbc.sql("UPDATE webhooks SET created_at = clock_timestamp() + interval '1 minute' WHERE id = :id")
                .param("id", later.getId()).update();

        assertThat(outbox.dispatch(500)).isPositive();
        outbox.dispatch(500);

        assertThat(jdbc.sql("SELECT webhook_id FROM webhook_deliveries WHERE event_id = :id").param("id", event.getId())
                .query(UUID.class).list()).as("subscribed and existing when the event happened, once")
                .containsExactly(created.getId()).doesNotContain(cancelled.getId(), later.getId());
        assertThat(count("SELECT count(*) FROM outbox_events WHERE id = :id AND dispatched_at IS NOT NULL", event.getId()))
                .isEqualTo(1);
    }

    @Test
    void aClaimTakesOnlyTheOldestUnfinishedEventOfEachOrderPerWebhookAndHoldsItByItsLease() {
        Webhook webhook = webhook("order.created", "order.status_changed");
        Webhook other = webhook("order.status_changed");
        UUID order = order();
        OutboxEvent first = event(order, "order.created");
        OutboxEvent second = event(order, "order.status_changed");
        UUID firstDelivery = due(webhook, first);
        UUID secondDelivery = due(webhook, second);
        UUID otherWebhooksDelivery = due(other, second);
        UUID token = UUID.randomUUID();

        List<UUID> claimed = claim(token);
        List<UUID> claimedAgain = claim(UUID.randomUUID());

        assertThat(claimed).contains(firstDelivery, otherWebhooksDelivery).doesNotContain(secondDelivery);
        assertThat(claimedAgain).as("leased, or waiting behind the leased one")
                .doesNotContain(firstDelivery, secondDelivery, otherWebhooksDelivery);
        assertThat(deliveries.finishAttempt(firstDelivery, UUID.randomUUID(), 0, "SUCCEEDED", 204, null, null,
                Instant.now())).as("another claim's token records nothing").isZero();
        assertThat(deliveries.finishAttempt(firstDelivery, token, 1, "SUCCEEDED", 204, null, null, Instant.now()))
                .as("a stale attempt count records nothing").isZero();
        assertThat(deliveries.finishAttempt(firstDelivery, token, 0, "PENDING", 500, "HTTP 500",
                Instant.now().minusSeconds(5), null)).isEqualTo(1);
        assertThat(claim(UUID.randomUUID())).as("the first is due again and still comes first")
                .contains(firstDelivery).doesNotContain(secondDelivery);
        jdbc.sql("UPDATE webhook_deliveries SET status = 'FAILED', attempts = 8, next_attempt_at = NULL, lease_until = NULL,"
                + " lease_token = NULL WHERE id = :id").param("id", firstDelivery).update();
        assertThat(claim(UUID.randomUUID())).as("a given-up event holds nothing back").contains(secondDelivery);
    }

    @Test
    void aDeliveryWaitsWhileAnEarlierEventOfItsOrderIsNotFannedOutAndAPingNeverWaits() {
        Webhook webhook = webhook("order.created", "order.status_changed");
        UUID order = order();
        event(order, "order.created"); // not dispatched yet
        UUID waiting = due(webhook, event(order, "order.status_changed"));
        OutboxEvent ping = outbox.save(OutboxEvent.ping(UUID.randomUUID(), "{}"));
        UUID pingDelivery = due(webhook, ping);

        assertThat(claim(UUID.randomUUID())).contains(pingDelivery).doesNotContain(waiting);
    }

    @Test
    void theLagIsTheAgeOfTheOldestUndeliveredEventAndThePurgeKeepsWhatIsStillPending() {
        Webhook webhook = webhook("order.created");
        UUID order = order();
        OutboxEvent oldDone = event(order, "order.created");
        OutboxEvent oldPending = event(order, "order.created");
        OutboxEvent recentDone = event(order, "order.created");
        UUID oldDoneDelivery = due(webhook, oldDone);
        due(webhook, oldPending);
        UUID recentDoneDelivery = due(webhook, recentDone);
        for (UUID id : List.of(oldDoneDelivery, recentDoneDelivery)) {
            jdbc.sql("UPDATE webhook_deliveries SET status = 'SUCCEEDED', attempts = 1, next_attempt_at = NULL,"
                    + " delivered_at = now() WHERE id = :id").param("id", id).update();
        }
        for (OutboxEvent old : List.of(oldDone, oldPending)) {
            jdbc.sql("UPDATE outbox_events SET created_at = now() - interval '8 days', dispatched_at = now() - interval '8 days'"
                    + " WHERE id = :id").param("id", old.getId()).update();
        }

        assertThat(outbox.oldestUndeliveredAgeSeconds()).isGreaterThanOrEqualTo(8 * 86_400.0);
        assertThat(outbox.purge(Instant.now().minus(Duration.ofDays(7)))).isPositive();

        assertThat(count("SELECT count(*) FROM outbox_events WHERE id = :id", oldDone.getId())).isZero();
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE id = :id", oldDoneDelivery)).isZero();
        assertThat(count("SELECT count(*) FROM outbox_events WHERE id = :id", oldPending.getId())).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox_events WHERE id = :id", recentDone.getId())).isEqualTo(1);
    }

    @Test
    void deletingAWebhookDeletesItsDeliveriesAndAnswersZeroTheSecondTime() {
        Webhook webhook = webhook("order.created");
        UUID delivery = due(webhook, event(order(), "order.created"));
        entityManager.clear();

        assertThat(webhooks.deleteWebhook(webhook.getId())).isEqualTo(1);
        assertThat(webhooks.deleteWebhook(webhook.getId())).isZero();
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE id = :id", delivery)).isZero();
    }
}
