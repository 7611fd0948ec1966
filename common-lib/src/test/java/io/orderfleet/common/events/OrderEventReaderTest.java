package io.orderfleet.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class OrderEventReaderTest {

    final OrderEventReader reader = new OrderEventReader(JsonMapper.builder().build());
    final UUID eventId = UUID.randomUUID();
    final UUID orderId = UUID.randomUUID();
    final Instant time = Instant.parse("2026-11-30T10:15:30.123456Z");

    OrderEvent read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEnvelopeOfTheContractIsReadWithItsOrder() {
        OrderEvent event = read(OrderEvents.envelope(eventId, OrderEvent.CONFIRMED, orderId, 42, "CONFIRMED", time,
                new OrderEvents.Line("KB-1", 2, 1999), new OrderEvents.Line("MS-2", 1, 500)));

        assertThat(event.id()).isEqualTo(eventId);
        assertThat(event.type()).isEqualTo(OrderEvent.CONFIRMED);
        assertThat(event.time()).isEqualTo(time);
        assertThat(event.order().id()).isEqualTo(orderId);
        assertThat(event.order().userId()).isEqualTo(42);
        assertThat(event.order().totalCents()).isEqualTo(2 * 1999 + 500);
        assertThat(event.order().items()).containsExactly(new OrderEvent.Line("KB-1", 2, 1999),
                new OrderEvent.Line("MS-2", 1, 500));
        assertThat(event.shortType()).isEqualTo("confirmed");
    }

    @Test
    void anUnknownTypeIsReadWithoutAnOrderSoItCanBeSkipped() {
        OrderEvent event = read("""
                {"specversion":"1.0","id":"%s","type":"io.orderfleet.order.shipped.v1","data":{"anything":true}}"""
                .formatted(eventId));

        assertThat(event.order()).isNull();
        assertThat(event.shortType()).isEqualTo("other");
    }

    @Test
    void whatIsNotAnEventOfTheContractIsMalformed() {
        String valid = OrderEvents.envelope(eventId, OrderEvent.CONFIRMED, orderId, 42, "CONFIRMED", time,
                new OrderEvents.Line("KB-1", 2, 1999));
        for (String bad : new String[] {
                "", "not json {", "[]", "42", "null",
                valid.replace("\"specversion\":\"1.0\"", "\"specversion\":\"0.3\""),
                valid.replace(eventId.toString(), "not-a-uuid"),
                valid.replace("\"type\":\"" + OrderEvent.CONFIRMED + "\",", ""),
                valid.replace("\"time\":\"" + time + "\",", ""),
                valid.replace("\"subject\":\"" + orderId + "\"", "\"subject\":\"" + UUID.randomUUID() + "\""),
                valid.replace("\"qty\":2", "\"qty\":0"),
                valid.replace("\"qty\":2", "\"qty\":\"two\""),
                valid.replace("\"sku\":\"KB-1\",", ""),
                valid.replace("\"userId\":42,", ""),
                valid.replaceAll("\"items\":\\[.*\\],", "\"items\":[],"),
                valid.replaceAll("(?s)\"data\":\\{.*\\}\\}$", "\"data\":\"an order\"}"),
        }) {
            assertThatThrownBy(() -> read(bad)).as(bad).isInstanceOf(MalformedOrderEventException.class);
        }
    }
}
