package io.orderfleet.orders.events;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * The relay's side of an outbox row: which order it belongs to and when the broker acknowledged it
 * ({@code published_at}, the relay's own marker). The rows are written by the webhook package's
 * {@code OutboxEvent}, which stays package-private there; this read-only mapping of the same table is
 * the domain type of {@link RelayOutbox} and lets Hibernate validate the relay's columns against the
 * migrations. Nothing loads or writes it: the relay reads and marks rows with RelayOutbox's statements.
 */
@Entity
@Immutable
@Table(name = "outbox_events")
class OutboxPublication {

    @Id
    private UUID id;
    private UUID orderId;
    private Instant createdAt;
    private Instant publishedAt;

    protected OutboxPublication() {
    }
}
