package io.orderfleet.users.ordertotals;

/**
 * A record that is not an order event of the contract (not JSON, not a CloudEvents 1.0 envelope, an
 * order of the wrong shape). Retrying cannot help: the error handler sends it to the dead-letter topic
 * at once, and the partition moves on.
 */
class MalformedOrderEventException extends RuntimeException {

    MalformedOrderEventException(String message) {
        super(message);
    }

    MalformedOrderEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
