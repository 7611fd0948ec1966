package io.orderfleet.inventory.item;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A catalog item. Its descriptive fields change through this entity, guarded by {@link Version}
 * (the ETag). Its stock never does: {@code available}, {@code reserved}, {@code initialStock} and
 * {@code archived} are written once on insert and are not updatable, so a read-modify-write of stock
 * through the entity cannot reach the database. Stock only changes through the conditional statements
 * of {@link ItemRepository}, which keep {@code available >= 0} under any concurrency and bump the
 * version, so a stale If-Match fails after a stock change too.
 */
@Entity
@Table(name = "items")
public class Item {

    @Id
    private String sku;
    private String name;
    private String description;
    private long priceCents;
    @Column(updatable = false)
    private int available;
    @Column(updatable = false)
    private int reserved;
    @Column(updatable = false)
    private int initialStock;
    @Column(updatable = false)
    private boolean archived;
    @Version
    private Long version;
    @Column(updatable = false)
    private Instant createdAt;
    private Instant updatedAt;

    protected Item() {
    }

    Item(String sku, String name, String description, long priceCents, int initialStock) {
        Instant now = now();
        this.sku = sku;
        this.name = name;
        this.description = description;
        this.priceCents = priceCents;
        this.available = initialStock;
        this.initialStock = initialStock;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A PATCH: only the fields given change; the version moves on at flush. */
    void revise(String newName, String newDescription, Long newPriceCents) {
        if (newName != null) {
            this.name = newName;
        }
        if (newDescription != null) {
            this.description = newDescription;
        }
        if (newPriceCents != null) {
            this.priceCents = newPriceCents;
        }
        this.updatedAt = now();
    }

    public ItemView view() {
        return new ItemView(sku, name, description, priceCents, available, reserved, createdAt, updatedAt,
                version == null ? 0 : version);
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public long priceCents() {
        return priceCents;
    }

    public int available() {
        return available;
    }

    public boolean archived() {
        return archived;
    }

    public long version() {
        return version == null ? 0 : version;
    }

    /** PostgreSQL keeps microseconds: the view of a new row equals the row read back. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
