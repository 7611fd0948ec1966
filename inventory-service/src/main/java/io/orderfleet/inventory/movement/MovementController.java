package io.orderfleet.inventory.movement;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.inventory.item.ItemRepository;
import io.orderfleet.inventory.item.Skus;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ledger of one item, newest first: the audit trail behind every number in {@code Item}. */
@RestController
class MovementController {

    private final MovementRepository movements;
    private final ItemRepository items;

    MovementController(MovementRepository movements, ItemRepository items) {
        this.movements = movements;
        this.items = items;
    }

    @GetMapping("/api/v1/inventory/items/{sku}/movements")
    @PreAuthorize("hasRole('ADMIN')")
    PageResponse<Movement> movements(@PathVariable String sku, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageQuery query = PageQuery.of(page, size, null, Map.of("id", "id"), "id,desc");
        if (!items.existsBySkuAndArchivedFalse(Skus.requireValid(sku))) {
            throw ProblemException.notFound("No item with SKU " + sku + ".");
        }
        Page<StockMovement> found = movements.findBySkuOrderByCreatedAtDescIdDesc(sku,
                PageRequest.of(query.page(), query.size()));
        return PageResponse.of(found.map(StockMovement::view).getContent(), query, found.getTotalElements());
    }
}
