package io.orderfleet.common.events;

/**
 * A record that is not an order event of the contract (not JSON, not a CloudEvents 1.0 envelope, an
 * order of the wrong shape). Retrying cannot help: the error handler sends it to the dead-letter topic
 * at once, and the partition moves on.
 */
public class MalformedOrderEventException extends RuntimeException {

    public MalformedOrderEventException(String message) {
        super(message);
    }

    public MalformedOrderEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
