package io.orderfleet.users.account;

import jakarta.persistence.criteria.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.data.jpa.domain.Specification;

/** The admin user list's filter and order. */
final class UserSearch {

    /** API sort names to entity attributes. */
    static final Map<String, String> SORTABLE = Map.of("createdAt", "createdAt", "name", "name", "email", "email",
            "id", "id", "role", "role");

    private UserSearch() {
    }

    /** @param orderBy a {@code PageQuery} order such as {@code createdAt DESC}, its attribute from {@link #SORTABLE} */
    static Specification<UserAccount> of(String q, String role, Boolean active, String orderBy) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (q != null && !q.isBlank()) {
                String pattern = "%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                where.add(cb.or(cb.like(root.get("email"), pattern, '\\'),
                        cb.like(cb.lower(root.get("name")), pattern, '\\')));
            }
            if (role != null) {
                where.add(cb.equal(root.get("role"), role));
            }
            if (active != null) {
                where.add(cb.equal(root.get("active"), active));
            }
            if (query != null && !Long.class.equals(query.getResultType())) {
                String[] order = orderBy.split(" ");
                var key = root.get(order[0]);
                query.orderBy(order[1].equals("DESC") ? cb.desc(key) : cb.asc(key), cb.asc(root.get("id")));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
