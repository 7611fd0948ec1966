package io.orderfleet.orders.clients;

/** A peer did not answer usefully in time (down, timed out, 5xx, breaker open, bulkhead full). */
public class PeerUnavailableException extends RuntimeException {

    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
