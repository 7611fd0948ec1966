package io.orderfleet.inventory.item;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.inventory.item.ItemDtos.AdjustmentRequest;
import io.orderfleet.inventory.item.ItemDtos.CreateItemRequest;
import io.orderfleet.inventory.item.ItemDtos.UpdateItemRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/inventory")
class ItemController {

    private final ItemService items;

    ItemController(ItemService items) {
        this.items = items;
    }

    /**
     * A page read from PostgreSQL is returned as usual; a cached page is written as the JSON bytes Redis
     * holds (the same bytes the converter wrote when it was cached), skipping a parse and a re-serialisation.
     */
    @GetMapping("/items")
    PageResponse<ItemView> list(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String q,
            @RequestParam(required = false) Boolean inStock, HttpServletResponse response) throws IOException {
        if (q != null && q.length() > 100) {
            throw ProblemException.badRequest("q must be at most 100 characters.");
        }
        ItemService.Listing listing = items.search(q, inStock,
                PageQuery.of(page, size, sort, ItemSearch.SORTABLE, "sku,asc"));
        if (listing.page() != null) {
            return listing.page();
        }
        byte[] body = listing.cachedJson().getBytes(StandardCharsets.UTF_8);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return null;
    }

    @GetMapping("/items/{sku}")
    ResponseEntity<ItemView> get(@PathVariable String sku) {
        ItemView item = items.get(Skus.requireValid(sku));
        return ResponseEntity.ok().eTag(item.etag()).body(item);
    }

    @PostMapping("/items")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ItemView> create(@Valid @RequestBody CreateItemRequest request) {
        ItemView item = items.create(request.sku(), request.name(), request.description(), request.priceCents(),
                request.available());
        return ResponseEntity.created(URI.create("/api/v1/inventory/items/" + item.sku())).eTag(item.etag()).body(item);
    }

    @PatchMapping("/items/{sku}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ItemView> update(@PathVariable String sku, @Valid @RequestBody UpdateItemRequest request,
            @RequestHeader(value = "If-Match", required = false) String ifMatch) {
        ItemView item = items.update(Skus.requireValid(sku), request.name(), request.description(), request.priceCents(),
                version(ifMatch));
        return ResponseEntity.ok().eTag(item.etag()).body(item);
    }

    @PostMapping("/items/{sku}/adjustments")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<ItemView> adjust(@PathVariable String sku, @Valid @RequestBody AdjustmentRequest request,
            @AuthenticationPrincipal FleetPrincipal me) {
        ItemView item = items.adjust(Skus.requireValid(sku), request.delta(), request.reason(), me.subject());
        return ResponseEntity.ok().eTag(item.etag()).body(item);
    }

    @DeleteMapping("/items/{sku}")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<Void> archive(@PathVariable String sku) {
        items.archive(Skus.requireValid(sku));
        return ResponseEntity.noContent().build();
    }


    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.preconditionFailed("If-Match does not name a version of this item.");
        }
    }
}
