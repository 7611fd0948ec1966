package io.orderfleet.inventory.item;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/**
 * Items through Spring Data JPA, except every change of stock: each one is a single conditional
 * {@code UPDATE ... RETURNING} that changes the row or changes nothing, so no interleaving of
 * requests can take {@code available} below zero and no Java code reads stock to write it back.
 * They return the row as it is after the change (for the response and the cache) as an {@link ItemView},
 * never as a managed {@link Item}: no entity is built, tracked or dirty-checked at flush, and an entity of
 * the same SKU already in the persistence context cannot hand back its stale stock instead of the new row.
 */
public interface ItemRepository extends JpaRepository<Item, String>, JpaSpecificationExecutor<Item> {

    /** The changed row, in the order and under the names of {@link ItemView}'s components. */
    String RETURNING_VIEW = " RETURNING sku, name, description, price_cents AS \"priceCents\", available, reserved,"
            + " created_at AS \"createdAt\", updated_at AS \"updatedAt\", version";

    Optional<Item> findBySkuAndArchivedFalse(String sku);

    boolean existsBySkuAndArchivedFalse(String sku);

    /** Holds {@code qty} units for a reservation, or returns empty (and changes nothing) if fewer are available. */
    @Transactional
    @Query(value = "UPDATE items SET available = available - :qty, reserved = reserved + :qty, version = version + 1,"
            + " updated_at = now() WHERE sku = :sku AND NOT archived AND available >= :qty " + RETURNING_VIEW,
            nativeQuery = true)
    Optional<ItemView> takeStock(@Param("sku") String sku, @Param("qty") int qty);

    /** Gives back units a reservation held. */
    @Transactional
    @Query(value = "UPDATE items SET available = available + :qty, reserved = reserved - :qty, version = version + 1,"
            + " updated_at = now() WHERE sku = :sku" + RETURNING_VIEW, nativeQuery = true)
    Optional<ItemView> returnStock(@Param("sku") String sku, @Param("qty") int qty);

    /** An admin adjustment: applied only if stock stays >= 0, so concurrent withdrawals stop at zero. */
    @Transactional
    @Query(value = "UPDATE items SET available = available + :delta, version = version + 1, updated_at = now()"
            + " WHERE sku = :sku AND NOT archived AND available + :delta >= 0" + RETURNING_VIEW, nativeQuery = true)
    Optional<ItemView> adjustStock(@Param("sku") String sku, @Param("delta") int delta);

    /** The archived row's new version, or empty while active reservations hold some of its stock. */
    @Transactional
    @Query(value = "UPDATE items SET archived = TRUE, version = version + 1, updated_at = now()"
            + " WHERE sku = :sku AND NOT archived AND reserved = 0 RETURNING version", nativeQuery = true)
    Optional<Long> archive(@Param("sku") String sku);
}
