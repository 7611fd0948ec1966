package io.orderfleet.inventory.item;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.inventory.movement.MovementRepository;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class ItemService {

    static final Map<String, String> SORTABLE = Map.of("sku", "sku", "name", "lower(name)", "priceCents", "price_cents",
            "available", "available", "createdAt", "created_at", "updatedAt", "updated_at");

    private final ItemRepository items;
    private final MovementRepository movements;
    private final ItemCache cache;

    ItemService(ItemRepository items, MovementRepository movements, ItemCache cache) {
        this.items = items;
        this.movements = movements;
        this.cache = cache;
    }

    Item get(String sku) {
        return cache.get(sku).orElseGet(() -> {
            Item item = items.find(sku).orElseThrow(() -> notFound(sku));
            cache.put(item);
            return item;
        });
    }

    PageResponse<Item> search(String q, Boolean inStock, PageQuery page) {
        return PageResponse.of(items.search(q, inStock, page), page, items.count(q, inStock));
    }

    @Transactional
    Item create(String sku, String name, String description, long priceCents, int available, String actor) {
        Item item;
        try {
            item = items.insert(sku, name.trim(), description, priceCents, available);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("An item with SKU " + sku + " already exists.").with("sku", sku);
        }
        cache.putAfterCommit(List.of(item));
        return item;
    }

    @Transactional
    Item update(String sku, String name, String description, Long priceCents, Long expectedVersion) {
        if (name != null && name.isBlank()) {
            throw ProblemException.unprocessable("name", "must not be blank");
        }
        Item item = items.update(sku, name == null ? null : name.trim(), description, priceCents, expectedVersion)
                .orElseThrow(() -> items.exists(sku)
                        ? ProblemException.preconditionFailed("The item was changed by someone else; reload it.")
                        : notFound(sku));
        cache.putAfterCommit(List.of(item));
        return item;
    }

    @Transactional
    Item adjust(String sku, int delta, String reason, String actor) {
        if (delta == 0) {
            throw ProblemException.unprocessable("delta", "must not be zero");
        }
        Item item = items.adjust(sku, delta).orElseThrow(() -> items.exists(sku)
                ? ProblemException.conflict("Not enough stock to remove " + (-delta) + " units of " + sku + ".")
                        .with("sku", sku)
                : notFound(sku));
        movements.record(sku, delta, reason.trim(), "ADJUSTMENT", null, actor);
        cache.putAfterCommit(List.of(item));
        return item;
    }

    @Transactional
    void archive(String sku) {
        long version = items.archive(sku).orElseThrow(() -> items.exists(sku)
                ? ProblemException.conflict("Stock of " + sku + " is reserved by active orders; it cannot be archived yet.")
                        .with("sku", sku)
                : notFound(sku));
        cache.tombstoneAfterCommit(sku, version);
    }

    static ProblemException notFound(String sku) {
        return ProblemException.notFound("No item with SKU " + sku + ".");
    }
}
