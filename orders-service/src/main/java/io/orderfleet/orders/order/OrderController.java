package io.orderfleet.orders.order;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.common.security.FleetPrincipal;
import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import io.orderfleet.orders.order.OrderDtos.CancelRequest;
import io.orderfleet.orders.order.OrderDtos.PlaceOrderRequest;
import io.orderfleet.orders.order.OrderDtos.StatusRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    private final OrderPlacement placement;
    private final OrderTransactions orders;
    private final OrderQueries queries;

    OrderController(OrderPlacement placement, OrderTransactions orders, OrderQueries queries) {
        this.placement = placement;
        this.orders = orders;
        this.queries = queries;
    }

    @PostMapping
    ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request,
            @RequestHeader(value = "Idempotency-Key", required = false) String idempotencyKey,
            @AuthenticationPrincipal FleetPrincipal me) {
        if (me.service()) {
            throw ProblemException.forbidden("Only users place orders.");
        }
        if (idempotencyKey != null && (idempotencyKey.isEmpty() || idempotencyKey.length() > 255
                || !idempotencyKey.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.");
        }
        List<OrderLine> lines = request.items().stream().map(l -> OrderLine.requested(l.sku(), l.qty())).toList();
        OrderPlacement.Placed placed = placement.place(me, lines, idempotencyKey);
        return ResponseEntity.status(placed.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/orders/" + placed.order().id())).body(placed.order());
    }

    @GetMapping
    PageResponse<OrderView> list(@RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size, @RequestParam(required = false) String sort,
            @RequestParam(required = false) String status, @RequestParam(required = false) Long userId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @AuthenticationPrincipal FleetPrincipal me) {
        OrderStatus wanted = null;
        if (status != null) {
            try {
                wanted = OrderStatus.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("status must be one of " + List.of(OrderStatus.values()) + ".");
            }
        }
        Long owner = me.isAdmin() ? userId : me.userId();
        PageQuery query = PageQuery.of(page, size, sort, OrderQueries.SORTABLE, "createdAt,desc");
        return queries.search(new OrderQueries.Filter(owner, wanted, instant("from", from), instant("to", to)), query);
    }

    @GetMapping("/stats")
    Map<String, Object> stats(@RequestParam(defaultValue = "30") int days, @AuthenticationPrincipal FleetPrincipal me) {
        if (days < 1 || days > 365) {
            throw ProblemException.badRequest("days must be between 1 and 365.");
        }
        return queries.stats(me.isAdmin() ? null : me.userId(), days);
    }

    @GetMapping("/{id}")
    OrderView get(@PathVariable UUID id, @AuthenticationPrincipal FleetPrincipal me) {
        return orders.get(id, me);
    }

    @GetMapping("/{id}/events")
    List<OrderEventView> events(@PathVariable UUID id, @AuthenticationPrincipal FleetPrincipal me) {
        return orders.events(id, me);
    }

    @PostMapping("/{id}/cancel")
    OrderView cancel(@PathVariable UUID id, @Valid @RequestBody(required = false) CancelRequest request,
            @AuthenticationPrincipal FleetPrincipal me) {
        return orders.cancel(id, me, request == null ? null : request.reason());
    }

    @PostMapping("/{id}/status")
    @PreAuthorize("hasRole('ADMIN')")
    OrderView status(@PathVariable UUID id, @Valid @RequestBody StatusRequest request,
            @AuthenticationPrincipal FleetPrincipal me) {
        return orders.changeStatus(id, OrderStatus.valueOf(request.status()), me);
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 date or instant.");
        }
    }
}
