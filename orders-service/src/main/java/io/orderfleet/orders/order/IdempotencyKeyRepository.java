package io.orderfleet.orders.order;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

interface IdempotencyKeyRepository extends JpaRepository<IdempotencyKey, IdempotencyKey.Id> {

    /**
     * Claims a key for an order: 1, or 0 when it was already taken. Hand-written because the primary
     * key decides races: a concurrent claim of the same key waits for the first one's commit and then
     * inserts nothing, without failing its transaction (an entity persist would).
     */
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT INTO idempotency_keys (user_id, key, request_hash, order_id)
            VALUES (:userId, :key, :requestHash, :orderId) ON CONFLICT (user_id, key) DO NOTHING""")
    int claim(long userId, String key, String requestHash, UUID orderId);

    @Modifying
    @Transactional
    @Query("delete from IdempotencyKey k where k.createdAt < :cutoff")
    int purgeOlderThan(Instant cutoff);
}
