package io.orderfleet.common.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The tokens a decoder has verified (signature, issuer, audience, expiry), until they expire and for at most
 * {@code maxAge}: a client sends the same access token with every request, and checking its RSA signature and
 * parsing its claims each time costs more than the rest of a small request. Only successfully decoded tokens
 * are kept; failures never are. Bounded: when full, expired entries go first, then everything (a full cache is
 * rebuilt by the next requests). Shared by the servlet {@link CachingJwtDecoder} and the gateway's reactive one.
 */
public final class VerifiedJwts {

    /** Tokens remembered at most this long, even when they live longer. */
    public static final Duration MAX_AGE = Duration.ofMinutes(1);
    /** At most this many tokens are remembered. */
    public static final int MAX_ENTRIES = 50_000;

    private record Entry(Jwt jwt, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;

    public VerifiedJwts(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The verified token, or null when it must be decoded (unknown, or expired since). */
    public Jwt get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() > clock.millis()) {
            return entry.jwt();
        }
        entries.remove(token, entry);
        return null;
    }

    /** Remembers a token its decoder has just verified. */
    public void remember(String token, Jwt jwt) {
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

    public int size() {
        return entries.size();
    }
}
