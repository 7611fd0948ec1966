package io.orderfleet.gateway.edge;

import io.orderfleet.common.security.VerifiedJwts;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A {@link ReactiveJwtDecoder} behind {@link VerifiedJwts}: a repeated token costs no RSA verification.
 * Failures are never cached.
 */
final class VerifiedJwtCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final VerifiedJwts verified;

    VerifiedJwtCache(ReactiveJwtDecoder delegate, VerifiedJwts verified) {
        this.delegate = delegate;
        this.verified = verified;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt jwt = verified.get(token);
        if (jwt != null) {
            return Mono.just(jwt);
        }
        return delegate.decode(token).doOnNext(decoded -> verified.remember(token, decoded));
    }
}
