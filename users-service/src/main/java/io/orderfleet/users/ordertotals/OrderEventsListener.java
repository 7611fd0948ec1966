package io.orderfleet.users.ordertotals;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes {@code orderfleet.orders.v1} as the consumer group {@code users-service}. The offset of
 * a record is committed only after its projection committed (at least once); a redelivery is then
 * recognised by the event id. Exists only when {@code spring.kafka.bootstrap-servers} is set.
 */
@Component
@ConditionalOnProperty(prefix = "spring.kafka", name = "bootstrap-servers")
class OrderEventsListener {

    static final String GROUP = "users-service";

    private final OrderEventReader reader;
    private final OrderTotalsProjection projection;
    private final MeterRegistry meters;

    OrderEventsListener(JsonMapper json, OrderTotalsProjection projection, MeterRegistry meters) {
        this.reader = new OrderEventReader(json);
        this.projection = projection;
        this.meters = meters;
    }

    @KafkaListener(id = "users-order-events", groupId = GROUP, topics = "${orderfleet.events.topic}")
    void on(ConsumerRecord<String, byte[]> record) {
        OrderEvent event;
        try {
            event = reader.read(record.value());
        } catch (MalformedOrderEventException e) {
            meters.counter("orderfleet.events.consumed", "type", "unreadable", "outcome", "malformed").increment();
            throw e;
        }
        OrderTotalsProjection.Outcome outcome = projection.apply(event);
        meters.counter("orderfleet.events.consumed", "type", event.shortType(), "outcome",
                outcome.name().toLowerCase()).increment();
    }
}
