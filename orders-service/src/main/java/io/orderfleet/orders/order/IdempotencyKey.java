package io.orderfleet.orders.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One Idempotency-Key of one user and the order it stands for. Keys are only ever claimed by
 * {@link IdempotencyKeyRepository#claim} (an insert whose primary key decides races), never persisted
 * as an entity.
 */
@Entity
@Table(name = "idempotency_keys")
@IdClass(IdempotencyKey.Id.class)
class IdempotencyKey {

    record Id(long userId, String key) {
    }

    @jakarta.persistence.Id
    private long userId;
    @jakarta.persistence.Id
    private String key;
    @JdbcTypeCode(SqlTypes.CHAR)
    private String requestHash;
    private UUID orderId;
    private Instant createdAt;

    protected IdempotencyKey() {
    }

    String requestHash() {
        return requestHash;
    }

    UUID orderId() {
        return orderId;
    }
}
