package io.orderfleet.orders.webhook;

import io.orderfleet.orders.order.OrderChanged;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends every order change to the outbox inside the change's own transaction ({@link OrderChanged} is
 * published there synchronously): the change and its event commit together or not at all. Publishing
 * outside a transaction is a programming error and fails loudly.
 */
@Component
class OutboxWriter {

    private final OutboxEventRepository outbox;
    private final JsonMapper json;

    OutboxWriter(OutboxEventRepository outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(OrderChanged change) {
        UUID id = UUID.randomUUID();
        String body = json.writeValueAsString(new WebhookMessage(id.toString(), change.type(), change.occurredAt(),
                change.order()));
        outbox.save(OutboxEvent.orderChange(id, change.type(), change.orderId(), body));
    }
}
