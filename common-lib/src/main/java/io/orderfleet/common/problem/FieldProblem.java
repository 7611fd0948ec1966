package io.orderfleet.common.problem;

/** One invalid field of a request, as listed in a problem's {@code errors} member. */
public record FieldProblem(String field, String message) {
}
