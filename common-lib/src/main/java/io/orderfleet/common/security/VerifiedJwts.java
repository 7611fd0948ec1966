package io.orderfleet.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The tokens a decoder has verified (signature, issuer, audience, expiry), until they expire and for at most
 * {@code maxAge}, in a bounded Caffeine cache: a client sends the same access token with every request, and
 * checking its RSA signature and parsing its claims each time costs more than the rest of a small request.
 * Only successfully decoded tokens are kept; failures never are. Used by every servlet {@link JwtDecoder}
 * ({@link #cached}) and the gateway's reactive decoder.
 */
public final class VerifiedJwts {

    /** Tokens remembered at most this long, even when they live longer. */
    public static final Duration MAX_AGE = Duration.ofMinutes(1);
    /** At most this many tokens are remembered. */
    public static final int MAX_ENTRIES = 50_000;

    private final Cache<String, Jwt> entries;
    private final Clock clock;

    public VerifiedJwts(int maxEntries, Duration maxAge, Clock clock) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(maxAge)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** {@code decoder} behind a cache of the tokens it verified. */
    public static JwtDecoder cached(JwtDecoder decoder) {
        return cached(decoder, new VerifiedJwts(MAX_ENTRIES, MAX_AGE, Clock.systemUTC()));
    }

    static JwtDecoder cached(JwtDecoder decoder, VerifiedJwts verified) {
        return token -> {
            Jwt jwt = verified.get(token);
            if (jwt == null) {
                jwt = decoder.decode(token);
                verified.remember(token, jwt);
            }
            return jwt;
        };
    }

    /** The verified token, or null when it must be decoded (unknown, or expired since). */
    public Jwt get(String token) {
        Jwt jwt = entries.getIfPresent(token);
        return jwt != null && jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant()) ? jwt : null;
    }

    /** Remembers a token its decoder has just verified. */
    public void remember(String token, Jwt jwt) {
        entries.put(token, jwt);
    }

    /** How many tokens are kept now (after pending evictions). */
    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
