package io.orderfleet.inventory.item;

import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import io.orderfleet.common.web.PageQuery;
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
     * The cache key of a catalog page: everything that decides its content, normalised the way the query
     * uses it, so two requests share an entry exactly when they read the same rows. The page is the same
     * for every caller (no field depends on the role, archived items are never listed), so the caller is
     * not part of it; {@code v1} names the shape of {@link ItemView}: change it when that shape changes.
     * The free text comes last, so it cannot be confused with the other parts.
     */
    static String pageKey(String q, Boolean inStock, PageQuery page) {
        String text = text(q);
        return "v1:" + page.page() + ":" + page.size() + ":" + page.orderBy() + ":" + inStock + ":"
                + (text == null ? "" : text);
    }

    /** The search text as the query uses it: trimmed, lower case; none when blank. */
    static String text(String q) {
        return q == null || q.isBlank() ? null : q.trim().toLowerCase();
    }

    /**
     * @param orderBy a {@code PageQuery} order such as {@code priceCents DESC}, its attribute from {@link #SORTABLE}
     */
    static Specification<Item> of(String q, Boolean inStock, String orderBy) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>(List.of(cb.isFalse(root.get("archived"))));
            String text = text(q);
            if (text != null) {
                String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%")
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
