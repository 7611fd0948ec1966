package io.orderfleet.orders.events;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns an outbox row into the record value of the event contract (docs/events.md): a CloudEvents 1.0
 * structured-mode JSON envelope whose {@code data} is the order exactly as the webhook body (and the
 * API) carries it, {@code id} the outbox event id and {@code time} the instant of the change.
 */
@Component
class OrderEventEnvelope {

    static final String SOURCE = "/orderfleet/orders-service";
    private static final String PREFIX = "io.orderfleet.order.";

    private final JsonMapper json;

    OrderEventEnvelope(JsonMapper json) {
        this.json = json;
    }

    String of(PendingEvent event) {
        JsonNode body = json.readTree(event.body());
        JsonNode data = body.get("data");
        ObjectNode envelope = json.createObjectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", event.id().toString());
        envelope.put("type", type(event.type(), data.path("status").asString("")));
        envelope.put("source", SOURCE);
        envelope.put("subject", event.orderId().toString());
        envelope.put("time", body.get("timestamp").asString());
        envelope.put("datacontenttype", "application/json");
        envelope.set("data", data);
        return json.writeValueAsString(envelope);
    }

    /**
     * The webhook event type (and, for a status change, the status reached) as a versioned CloudEvents
     * type. SHIPPED and DELIVERED become {@code shipped.v1} / {@code delivered.v1}, which consumers that
     * do not know them ignore, as the contract requires.
     */
    static String type(String webhookType, String status) {
        return switch (webhookType) {
            case "order.created" -> PREFIX + "created.v1";
            case "order.cancelled" -> PREFIX + "cancelled.v1";
            case "order.status_changed" -> PREFIX + status.toLowerCase(java.util.Locale.ROOT) + ".v1";
            default -> throw new IllegalArgumentException("not an order event: " + webhookType);
        };
    }
}
