package io.orderfleet.inventory.item;

import java.time.Instant;

/** The API's {@code Item} (and the cached copy). {@code reserved} is what active reservations hold. */
public record ItemView(String sku, String name, String description, long priceCents, int available, int reserved,
        Instant createdAt, Instant updatedAt, long version) {

    public String etag() {
        return "\"" + version + "\"";
    }
}
