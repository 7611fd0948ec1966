package io.orderfleet.common.security;

/** Verifies a bearer token and says who it belongs to. */
public interface TokenVerifier {

    /** @throws InvalidTokenException when the token must not be trusted */
    FleetPrincipal verify(String token);
}
