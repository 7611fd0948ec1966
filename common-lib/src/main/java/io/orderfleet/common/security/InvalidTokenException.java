package io.orderfleet.common.security;

/** A token that is missing, malformed, expired, badly signed or meant for someone else. */
public class InvalidTokenException extends RuntimeException {

    public InvalidTokenException(String message) {
        super(message);
    }

    public InvalidTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
