package io.orderfleet.orders.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OrderEventEnvelopeTest {

    final JsonMapper json = JsonMapper.builder().build();
    final OrderEventEnvelope envelope = new OrderEventEnvelope(json);

    @Test
    void eachWebhookEventBecomesTheVersionedTypeOfWhatHappened() {
        assertThat(OrderEventEnvelope.type("order.created", "PENDING")).isEqualTo("io.orderfleet.order.created.v1");
        assertThat(OrderEventEnvelope.type("order.status_changed", "CONFIRMED")).isEqualTo("io.orderfleet.order.confirmed.v1");
        assertThat(OrderEventEnvelope.type("order.status_changed", "REJECTED")).isEqualTo("io.orderfleet.order.rejected.v1");
        assertThat(OrderEventEnvelope.type("order.cancelled", "CANCELLED")).isEqualTo("io.orderfleet.order.cancelled.v1");
        assertThat(OrderEventEnvelope.type("order.status_changed", "SHIPPED")).isEqualTo("io.orderfleet.order.shipped.v1");
        assertThat(OrderEventEnvelope.type("order.status_changed", "DELIVERED")).isEqualTo("io.orderfleet.order.delivered.v1");
        assertThatThrownBy(() -> OrderEventEnvelope.type("webhook.ping", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theEnvelopeCarriesTheOutboxIdTheInstantOfTheChangeAndTheOrderUnchanged() {
        UUID id = UUID.randomUUID();
        UUID orderId = UUID.randomUUID();
        String data = "{\"id\":\"" + orderId + "\",\"userId\":7,\"status\":\"CONFIRMED\",\"items\":[{\"sku\":\"A-1\","
                + "\"name\":\"Lamp\",\"qty\":2,\"unitPriceCents\":250,\"lineTotalCents\":500}],\"totalCents\":500,"
                + "\"createdAt\":\"2026-11-30T10:00:00Z\",\"updatedAt\":\"2026-11-30T10:00:01Z\"}";
        String body = "{\"id\":\"" + id + "\",\"type\":\"order.status_changed\",\"timestamp\":\"2026-11-30T10:00:01.5Z\","
                + "\"data\":" + data + "}";

        JsonNode value = json.readTree(envelope.of(new PendingEvent(id, "order.status_changed", orderId, body, null)));

        assertThat(value.propertyNames()).containsExactly("specversion", "id", "type", "source", "subject", "time",
                "datacontenttype", "data");
        assertThat(value.get("specversion").asString()).isEqualTo("1.0");
        assertThat(value.get("id").asString()).isEqualTo(id.toString());
        assertThat(value.get("type").asString()).isEqualTo("io.orderfleet.order.confirmed.v1");
        assertThat(value.get("source").asString()).isEqualTo("/orderfleet/orders-service");
        assertThat(value.get("subject").asString()).isEqualTo(orderId.toString());
        assertThat(value.get("time").asString()).isEqualTo("2026-11-30T10:00:01.5Z");
        assertThat(value.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(value.get("data")).isEqualTo(json.readTree(data));
    }
}
