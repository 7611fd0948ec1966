package io.orderfleet.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure that a client caused or must know about. Thrown from services, rendered once as RFC 9457
 * problem details by {@link ProblemHandler}. Never carries internal details (SQL, class names).
 */
public class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(HttpStatus.CONFLICT, "Conflict", detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "Precondition failed", detail);
    }

    public static ProblemException unprocessable(String detail, List<FieldProblem> errors) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, "Validation failed", detail)
                .with("errors", errors);
    }

    public static ProblemException unprocessable(String field, String message) {
        return unprocessable(field + ": " + message, List.of(new FieldProblem(field, message)));
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", detail)
                .header("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }

    public static ProblemException serviceUnavailable(String detail, long retryAfterSeconds) {
        return new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail)
                .header("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }

    /** Adds an extension member to the problem body, e.g. the SKU that is short. */
    public ProblemException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
