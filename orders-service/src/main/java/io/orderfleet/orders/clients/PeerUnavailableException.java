package io.orderfleet.orders.clients;

/** A peer did not answer usefully in time (down, timed out, 5xx, breaker open, bulkhead full). */
public class PeerUnavailableException extends RuntimeException {

    public PeerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The peer refused the service token (401). The token was dropped, so a retry goes with a fresh one. */
    public static final class TokenRefused extends PeerUnavailableException {
        TokenRefused(String peer) {
            super(peer + " refused the service token", null);
        }
    }
}
