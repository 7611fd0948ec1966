package io.orderfleet.common.web;

import io.orderfleet.common.problem.ProblemException;
import java.util.Map;

/**
 * A validated {@code page,size,sort} triple. The sort field is looked up in an allow-list that maps API
 * names to SQL columns, so a client can never inject SQL through {@code sort}.
 *
 * @param orderBy a safe SQL fragment such as {@code created_at DESC}
 */
public record PageQuery(int page, int size, String orderBy) {

    public static final int MAX_SIZE = 100;

    public static PageQuery of(Integer page, Integer size, String sort, Map<String, String> sortableColumns,
            String defaultSort) {
        int p = page == null ? 0 : page;
        int s = size == null ? 20 : size;
        if (p < 0 || p > 1_000_000) {
            throw ProblemException.badRequest("page must be between 0 and 1000000.");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.badRequest("size must be between 1 and " + MAX_SIZE + ".");
        }
        String[] parts = (sort == null || sort.isBlank() ? defaultSort : sort).split(",", -1);
        String column = sortableColumns.get(parts[0].trim());
        if (column == null || parts.length > 2) {
            throw ProblemException.badRequest("sort must be one of " + sortableColumns.keySet()
                    + ", optionally followed by ',asc' or ',desc'.");
        }
        String direction = parts.length == 2 ? parts[1].trim().toLowerCase() : "asc";
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw ProblemException.badRequest("sort direction must be 'asc' or 'desc'.");
        }
        return new PageQuery(p, s, column + " " + direction.toUpperCase());
    }

    public long offset() {
        return (long) page * size;
    }
}
