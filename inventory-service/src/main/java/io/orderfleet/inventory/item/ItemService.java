package io.orderfleet.inventory.item;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.inventory.movement.MovementLedger;
import java.util.List;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class ItemService {

    /** A PATCH without If-Match that races a stock change is simply applied again on the new version. */
    private static final int UNCONDITIONAL_PATCH_ATTEMPTS = 3;

    private final ItemRepository items;
    private final MovementLedger ledger;
    private final ItemCache cache;
    private final TransactionTemplate tx;

    ItemService(ItemRepository items, MovementLedger ledger, ItemCache cache, TransactionTemplate tx) {
        this.items = items;
        this.ledger = ledger;
        this.cache = cache;
        this.tx = tx;
    }

    ItemView get(String sku) {
        return cache.get(sku).orElseGet(() -> {
            ItemView item = items.findBySkuAndArchivedFalse(sku).map(Item::view).orElseThrow(() -> notFound(sku));
            cache.put(item);
            return item;
        });
    }

    /** A catalog page: either its JSON as cached, or the page just read from PostgreSQL. */
    record Listing(String cachedJson, PageResponse<ItemView> page) {
    }

    /**
     * Cache-aside: the generation is read (with the page) before PostgreSQL is, so a page read here
     * and cached under that generation is never older than a write that has already retired it.
     */
    Listing search(String q, Boolean inStock, PageQuery query) {
        String key = ItemSearch.pageKey(q, inStock, query);
        ItemCache.PageLookup lookup = cache.page(key);
        if (lookup.hit()) {
            return new Listing(lookup.json(), null);
        }
        // the repository reads the rows and their count in one read-only transaction
        Page<Item> found = items.findAll(ItemSearch.of(q, inStock, query.orderBy()),
                PageRequest.of(query.page(), query.size()));
        PageResponse<ItemView> page = PageResponse.of(found.map(Item::view).getContent(), query,
                found.getTotalElements());
        cache.putPage(lookup, key, page);
        return new Listing(null, page);
    }

    @Transactional
    ItemView create(String sku, String name, String description, long priceCents, int available) {
        Item item;
        try {
            item = items.saveAndFlush(new Item(sku, name.trim(), description, priceCents, available));
        } catch (DataIntegrityViolationException e) {
            throw ProblemException.conflict("An item with SKU " + sku + " already exists.").with("sku", sku);
        }
        ItemView view = item.view();
        cache.publishAfterCommit(List.of(view));
        return view;
    }

    /**
     * Optimistic locking on the item's {@code @Version}, which is also its ETag: with If-Match the
     * version must still be the client's, both when read and when written (a change in between fails
     * the versioned UPDATE), otherwise 412 and nothing changes.
     */
    ItemView update(String sku, String name, String description, Long priceCents, Long expectedVersion) {
        if (name != null && name.isBlank()) {
            throw ProblemException.unprocessable("name", "must not be blank");
        }
        for (int attempt = 1;; attempt++) {
            try {
                ItemView item = tx.execute(status -> revise(sku, name == null ? null : name.trim(), description,
                        priceCents, expectedVersion));
                cache.publish(item);
                return item;
            } catch (ObjectOptimisticLockingFailureException e) {
                if (expectedVersion != null || attempt == UNCONDITIONAL_PATCH_ATTEMPTS) {
                    throw changedBySomeoneElse();
                }
            }
        }
    }

    private ItemView revise(String sku, String name, String description, Long priceCents, Long expectedVersion) {
        Item item = items.findBySkuAndArchivedFalse(sku).orElseThrow(() -> notFound(sku));
        if (expectedVersion != null && item.version() != expectedVersion) {
            throw changedBySomeoneElse();
        }
        item.revise(name, description, priceCents);
        return items.saveAndFlush(item).view();
    }

    @Transactional
    ItemView adjust(String sku, int delta, String reason, String actor) {
        if (delta == 0) {
            throw ProblemException.unprocessable("delta", "must not be zero");
        }
        ItemView item = items.adjustStock(sku, delta).orElseThrow(() -> items.existsBySkuAndArchivedFalse(sku)
                ? ProblemException.conflict("Not enough stock to remove " + (-delta) + " units of " + sku + ".")
                        .with("sku", sku)
                : notFound(sku));
        ledger.recordAdjustment(sku, delta, reason.trim(), actor);
        cache.publishAfterCommit(List.of(item));
        return item;
    }

    @Transactional
    void archive(String sku) {
        long version = items.archive(sku).orElseThrow(() -> items.existsBySkuAndArchivedFalse(sku)
                ? ProblemException.conflict("Stock of " + sku + " is reserved by active orders; it cannot be archived yet.")
                        .with("sku", sku)
                : notFound(sku));
        cache.tombstoneAfterCommit(sku, version);
    }

    private static ProblemException changedBySomeoneElse() {
        return ProblemException.preconditionFailed("The item was changed by someone else; reload it.");
    }

    static ProblemException notFound(String sku) {
        return ProblemException.notFound("No item with SKU " + sku + ".");
    }
}
