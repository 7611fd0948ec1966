package io.orderfleet.common.web;

import java.util.List;
import java.util.function.Function;

/** The fleet's page shape: {@code {"content": [...], "page": {number, size, totalElements, totalPages}}}. */
public record PageResponse<T>(List<T> content, PageMeta page) {

    public record PageMeta(int number, int size, long totalElements, int totalPages) {
    }

    public static <T> PageResponse<T> of(List<T> content, PageQuery query, long totalElements) {
        int totalPages = (int) ((totalElements + query.size() - 1) / query.size());
        return new PageResponse<>(content, new PageMeta(query.page(), query.size(), totalElements, totalPages));
    }

    public <R> PageResponse<R> map(Function<T, R> mapper) {
        return new PageResponse<>(content.stream().map(mapper).toList(), page);
    }
}
