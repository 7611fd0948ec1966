package io.orderfleet.common.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * A servlet service's {@link JwtDecoder} behind {@link VerifiedJwts}: a repeated token (a user's token on every
 * request, orders-service's service token on every reservation) costs a map lookup instead of an RSA
 * verification. What the delegate refuses is refused again next time: failures are not cached.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final VerifiedJwts verified;

    public CachingJwtDecoder(JwtDecoder delegate, VerifiedJwts verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Jwt decode(String token) {
        Jwt jwt = verified.get(token);
        if (jwt == null) {
            jwt = delegate.decode(token);
            verified.remember(token, jwt);
        }
        return jwt;
    }
}
