package io.orderfleet.orders.order;

import io.orderfleet.common.web.PageQuery;
import io.orderfleet.common.web.PageResponse;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Lists and stats of orders: reads that never change anything. */
@Service
class OrderQueries {

    /** API sort names → entity attributes. */
    static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "updatedAt", "updatedAt",
            "totalCents", "totalCents", "status", "status");

    record Filter(Long userId, OrderStatus status, Instant from, Instant to) {
    }

    private final OrderRepository repository;

    OrderQueries(OrderRepository repository) {
        this.repository = repository;
    }

    /**
     * One page of orders with their lines in a fixed number of statements, whatever the page size:
     * the page, its count (when more than one page) and all lines of the page at once.
     */
    @Transactional(readOnly = true)
    PageResponse<OrderView> search(Filter filter, PageQuery query) {
        String[] orderBy = query.orderBy().split(" ");
        Sort sort = Sort.by(Sort.Direction.fromString(orderBy[1]), orderBy[0]).and(Sort.by("id"));
        Page<Order> page = repository.findAll(matching(filter), PageRequest.of(query.page(), query.size(), sort));
        if (page.hasContent()) {
            repository.fetchLines(page.getContent().stream().map(Order::id).toList());
        }
        return PageResponse.of(page.getContent().stream().map(OrderView::of).toList(), query, page.getTotalElements());
    }

    private static Specification<Order> matching(Filter filter) {
        return (root, q, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (filter.userId() != null) {
                where.add(cb.equal(root.get("userId"), filter.userId()));
            }
            if (filter.status() != null) {
                where.add(cb.equal(root.get("status"), filter.status()));
            }
            if (filter.from() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("createdAt"), filter.from()));
            }
            if (filter.to() != null) {
                where.add(cb.lessThan(root.get("createdAt"), filter.to()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }

    @Transactional(readOnly = true)
    Map<String, Object> stats(Long userId, int days) {
        Map<String, Object> stats = new LinkedHashMap<>();
        Object[] totals = repository.totals(userId).getFirst();
        stats.put("totalOrders", number(totals[0]));
        stats.put("revenueCents", number(totals[1]));
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (OrderStatus s : OrderStatus.values()) {
            byStatus.put(s.name(), 0L);
        }
        repository.countByStatus(userId).forEach(row -> byStatus.put((String) row[0], number(row[1])));
        stats.put("byStatus", byStatus);
        stats.put("perDay", repository.perDay(userId, days).stream()
                .map(row -> Map.of("date", row[0], "orders", number(row[1]), "revenueCents", number(row[2]))).toList());
        return stats;
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
