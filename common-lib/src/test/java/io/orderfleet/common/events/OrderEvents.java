package io.orderfleet.common.events;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Envelopes of the event contract, as orders-service publishes them, for the consumers' tests (test-jar). */
public final class OrderEvents {

    public record Line(String sku, int qty, long unitPriceCents) {
    }

    private OrderEvents() {
    }

    public static String envelope(UUID eventId, String type, UUID orderId, long userId, String status, Instant time,
            Line... lines) {
        String items = Stream.of(lines).map(l -> """
                {"sku":"%s","name":"Thing %s","qty":%d,"unitPriceCents":%d,"lineTotalCents":%d}"""
                .formatted(l.sku(), l.sku(), l.qty(), l.unitPriceCents(), l.qty() * l.unitPriceCents()))
                .collect(Collectors.joining(","));
        long total = Stream.of(lines).mapToLong(l -> l.qty() * l.unitPriceCents()).sum();
        return """
                {"specversion":"1.0","id":"%s","type":"%s","source":"/orderfleet/orders-service","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"id":"%s","userId":%d,"status":"%s","items":[%s],"totalCents":%d,
                         "createdAt":"%s","updatedAt":"%s"}}"""
                .formatted(eventId, type, orderId, time, orderId, userId, status, items, total, time, time);
    }
}
