package io.orderfleet.orders.webhook;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * A subscription (admin-managed). The secret is kept in clear because every delivery must be signed
 * with it; the API shows it once, at creation.
 */
@Entity
@Table(name = "webhooks")
class Webhook implements Persistable<UUID> {

    @Id
    private UUID id;
    private String url;
    @JdbcTypeCode(SqlTypes.ARRAY)
    private List<String> events;
    private String description;
    private String secret;
    private Instant createdAt;
    @Transient
    private boolean isNew;

    protected Webhook() {
    }

    static Webhook create(String url, List<String> events, String description, String secret) {
        Webhook webhook = new Webhook();
        webhook.id = UUID.randomUUID();
        webhook.url = url;
        webhook.events = List.copyOf(events);
        webhook.description = description;
        webhook.secret = secret;
        webhook.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        webhook.isNew = true;
        return webhook;
    }

    WebhookDtos.WebhookView view() {
        return new WebhookDtos.WebhookView(id, url, List.copyOf(events), description, createdAt);
    }

    @PostLoad
    @PostPersist
    void stored() {
        isNew = false;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @Override
    public UUID getId() {
        return id;
    }
}
