package io.orderfleet.gateway.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * A {@link ReactiveJwtDecoder} that remembers the tokens its delegate has verified, until they expire
 * (at most {@code maxAge}): a client sends the same access token with every request, and checking its
 * RSA signature each time costs more than proxying the request. Only successfully decoded (signature,
 * issuer, audience, expiry checked) tokens are kept; failures are never cached. Bounded: when full,
 * expired entries go first, then everything (a full cache is rebuilt by the next requests).
 */
final class VerifiedJwtCache implements ReactiveJwtDecoder {

    private record Entry(Jwt jwt, long expiresAtMillis) {
    }

    private final ReactiveJwtDecoder delegate;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;

    VerifiedJwtCache(ReactiveJwtDecoder delegate, int maxEntries, Duration maxAge, Clock clock) {
        this.delegate = delegate;
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Entry entry = entries.get(token);
        if (entry != null) {
            if (entry.expiresAtMillis() > clock.millis()) {
                return Mono.just(entry.jwt());
            }
            entries.remove(token, entry);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(token, jwt));
    }

    private void remember(String token, Jwt jwt) {
        long now = clock.millis();
        Instant exp = jwt.getExpiresAt();
        long expiresAt = Math.min(now + maxAge.toMillis(), exp == null ? 0 : exp.toEpochMilli());
        if (expiresAt <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.entrySet().removeIf(e -> e.getValue().expiresAtMillis() <= now);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(jwt, expiresAt));
    }

    int size() {
        return entries.size();
    }
}
