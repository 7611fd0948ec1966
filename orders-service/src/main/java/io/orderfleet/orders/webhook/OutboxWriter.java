package io.orderfleet.orders.webhook;

import io.orderfleet.orders.observability.WorkerSpans;
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
 * outside a transaction is a programming error and fails loudly. The change's W3C trace context is kept
 * with the event, so the Kafka relay can carry it in the record's {@code traceparent} header.
 */
@Component
class OutboxWriter {

    private final OutboxEventRepository outbox;
    private final JsonMapper json;
    private final WorkerSpans spans;

    OutboxWriter(OutboxEventRepository outbox, JsonMapper json, WorkerSpans spans) {
        this.outbox = outbox;
        this.json = json;
        this.spans = spans;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(OrderChanged change) {
        UUID id = UUID.randomUUID();
        String body = json.writeValueAsString(new WebhookMessage(id.toString(), change.type(), change.occurredAt(),
                change.order()));
        outbox.save(OutboxEvent.orderChange(id, change.type(), change.orderId(), body, spans.currentTraceparent()));
    }

}
