package io.orderfleet.orders.webhook;

import java.time.Instant;

/**
 * What one attempt came to: the receiver's status code, or why no status was received.
 *
 * @param refused the target address was refused by the SSRF guard (nothing was sent)
 */
record AttemptOutcome(Integer statusCode, String error, boolean refused, Instant attemptedAt, long durationMillis) {

    boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** A short tag for metrics. */
    String kind() {
        if (succeeded()) {
            return "success";
        }
        if (refused) {
            return "refused";
        }
        return statusCode != null ? "http_error" : "network_error";
    }
}
