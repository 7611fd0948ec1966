package io.orderfleet.common.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a record's value as the event contract's envelope, strictly enough that the projection never
 * sees half an order: anything else is a {@link MalformedOrderEventException}. Fields it does not need
 * are ignored, so the publisher may add some.
 */
public final class OrderEventReader {

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Envelope(String specversion, String id, String type, String subject, Instant time, JsonNode data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record OrderData(UUID id, Long userId, String status, List<LineData> items, Long totalCents,
            Instant createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record LineData(String sku, Integer qty, Long unitPriceCents) {
    }

    private final JsonMapper json;

    public OrderEventReader(JsonMapper json) {
        this.json = json;
    }

    public OrderEvent read(byte[] value) {
        if (value == null || value.length == 0) {
            throw new MalformedOrderEventException("the record has no value");
        }
        Envelope envelope;
        try {
            envelope = json.readValue(value, Envelope.class);
        } catch (JacksonException e) {
            throw new MalformedOrderEventException("the value is not a CloudEvents JSON envelope", e);
        }
        if (envelope == null || !"1.0".equals(envelope.specversion())) {
            throw new MalformedOrderEventException("specversion is not 1.0");
        }
        UUID id = uuid(envelope.id(), "id");
        if (envelope.type() == null || envelope.type().isBlank()) {
            throw new MalformedOrderEventException("type is missing");
        }
        if (!OrderEvent.KNOWN_TYPES.contains(envelope.type())) {
            return new OrderEvent(id, envelope.type(), envelope.time(), null);
        }
        if (envelope.time() == null) {
            throw new MalformedOrderEventException("time is missing");
        }
        return new OrderEvent(id, envelope.type(), envelope.time(), order(envelope));
    }

    private OrderEvent.Order order(Envelope envelope) {
        if (envelope.data() == null || !envelope.data().isObject()) {
            throw new MalformedOrderEventException("data is not an order");
        }
        OrderData data;
        try {
            data = json.treeToValue(envelope.data(), OrderData.class);
        } catch (JacksonException e) {
            throw new MalformedOrderEventException("data is not an order", e);
        }
        if (data.id() == null || data.userId() == null || data.totalCents() == null || data.totalCents() < 0
                || data.createdAt() == null || data.items() == null || data.items().isEmpty()) {
            throw new MalformedOrderEventException("the order lacks id, userId, items, totalCents or createdAt");
        }
        if (envelope.subject() != null && !envelope.subject().equals(data.id().toString())) {
            throw new MalformedOrderEventException("subject is not the order's id");
        }
        List<OrderEvent.Line> lines = new ArrayList<>();
        for (LineData line : data.items()) {
            if (line == null || line.sku() == null || line.sku().isBlank() || line.qty() == null || line.qty() < 1) {
                throw new MalformedOrderEventException("an order line lacks its sku or a positive qty");
            }
            lines.add(new OrderEvent.Line(line.sku(), line.qty(), line.unitPriceCents() == null ? 0 : line.unitPriceCents()));
        }
        return new OrderEvent.Order(data.id(), data.userId(), data.status(), List.copyOf(lines), data.totalCents(),
                data.createdAt());
    }

    private static UUID uuid(String value, String field) {
        if (value == null) {
            throw new MalformedOrderEventException(field + " is missing");
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new MalformedOrderEventException(field + " is not a UUID");
        }
    }
}
