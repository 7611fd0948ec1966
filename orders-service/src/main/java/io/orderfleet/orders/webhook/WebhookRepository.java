package io.orderfleet.orders.webhook;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface WebhookRepository extends JpaRepository<Webhook, UUID> {

    /**
     * Deletes the webhook; PostgreSQL deletes its deliveries with it (ON DELETE CASCADE), and a worker
     * holding one of them records nothing. 1, or 0 when there was no such webhook.
     */
    @Modifying
    @Transactional
    @Query("delete from Webhook w where w.id = :id")
    int deleteWebhook(UUID id);
}
