package io.orderfleet.common.problem;

import java.net.URI;
import org.slf4j.MDC;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the fleet's problem details: one type URI scheme, the request path and a trace id. */
public final class Problems {

    public static final String TYPE_BASE = "https://orderfleet.dev/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String title, String detail, String path) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        enrich(problem, path);
        return problem;
    }

    /** Fills type, instance and traceId on a problem built elsewhere (Spring MVC's own handlers). */
    public static void enrich(ProblemDetail problem, String path) {
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(TYPE_BASE + slug(problem.getStatus())));
        }
        if (problem.getInstance() == null && path != null) {
            problem.setInstance(URI.create(path));
        }
        String traceId = traceId();
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
    }

    public static String traceId() {
        String traceId = MDC.get("traceId");
        return traceId != null ? traceId : MDC.get("requestId");
    }

    static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 412 -> "precondition-failed";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "validation";
            case 428 -> "precondition-required";
            case 429 -> "rate-limited";
            case 503 -> "service-unavailable";
            default -> status >= 500 ? "internal" : "http-" + status;
        };
    }
}
