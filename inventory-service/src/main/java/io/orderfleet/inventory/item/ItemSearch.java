package io.orderfleet.inventory.item;

import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.jpa.domain.Specification;

/** The catalog list's filter and order: live items, optional text and stock filters, a stable sort. */
final class ItemSearch {

    /** API sort names to entity attributes; {@code name} sorts case-insensitively. */
    static final Map<String, String> SORTABLE = Map.of("sku", "sku", "name", "name", "priceCents", "priceCents",
            "available", "available", "createdAt", "createdAt", "updatedAt", "updatedAt");

    private ItemSearch() {
    }

    /**
     * @param orderBy a {@code PageQuery} order such as {@code priceCents DESC}, its attribute from {@link #SORTABLE}
     */
    static Specification<Item> of(String q, Boolean inStock, String orderBy) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>(List.of(cb.isFalse(root.get("archived"))));
            if (q != null && !q.isBlank()) {
                String pattern = "%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                where.add(cb.or(cb.like(cb.lower(root.get("sku")), pattern, '\\'),
                        cb.like(cb.lower(root.get("name")), pattern, '\\')));
            }
            if (Boolean.TRUE.equals(inStock)) {
                where.add(cb.greaterThan(root.get("available"), 0));
            } else if (Boolean.FALSE.equals(inStock)) {
                where.add(cb.equal(root.get("available"), 0));
            }
            if (query != null && !Long.class.equals(query.getResultType())) {
                String[] order = orderBy.split(" ");
                Expression<?> sortKey = order[0].equals("name") ? cb.lower(root.get("name")) : root.get(order[0]);
                query.orderBy(order[1].equals("DESC") ? cb.desc(sortKey) : cb.asc(sortKey), cb.asc(root.get("sku")));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
