package io.orderfleet.inventory.sales;

import io.orderfleet.common.events.OrderEventBatchConsumer;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code orderfleet.orders.v1} as the consumer group {@code inventory-service}, a poll at a
 * time: the poll's events are applied in one transaction ({@link SalesProjection}), and its offsets are
 * committed only after that transaction committed (at least once); a redelivery is then recognised by
 * the event id. Exists only when {@code spring.kafka.bootstrap-servers} is set.
 */
@Component
@ConditionalOnProperty(prefix = "spring.kafka", name = "bootstrap-servers")
class OrderEventsListener {

    static final String GROUP = "inventory-service";

    private final OrderEventBatchConsumer consumer;
    private final SalesProjection projection;

    OrderEventsListener(OrderEventBatchConsumer consumer, SalesProjection projection) {
        this.consumer = consumer;
        this.projection = projection;
    }

    @KafkaListener(id = "inventory-order-events", groupId = GROUP, topics = "${orderfleet.events.topic}",
            batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(records, projection);
    }
}
