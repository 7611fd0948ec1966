package io.orderfleet.gateway.edge;

import io.orderfleet.common.security.FleetPrincipal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tokens this gateway has already verified, kept until they expire (at most a minute): a client sends
 * the same access token with every request, and checking its RSA signature each time, off the event
 * loop, costs more than proxying the request. Only tokens whose signature was verified are put here;
 * the services still verify every token themselves.
 */
final class VerifiedTokens {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private record Entry(FleetPrincipal principal, long expiresAtMillis) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final Duration maxAge;
    private final Clock clock;

    VerifiedTokens(int maxEntries, Duration maxAge, Clock clock) {
        this.maxEntries = maxEntries;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    FleetPrincipal get(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (entry.expiresAtMillis() <= clock.millis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.principal();
    }

    /** Remembers a token whose signature and claims were just verified. */
    void put(String token, FleetPrincipal principal) {
        long now = clock.millis();
        long expiresAt = Math.min(now + maxAge.toMillis(), expiryOf(token));
        if (expiresAt <= now) {
            return;
        }
        if (entries.size() >= maxEntries) {
            entries.entrySet().removeIf(e -> e.getValue().expiresAtMillis() <= now);
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(principal, expiresAt));
    }

    int size() {
        return entries.size();
    }

    /** The verified token's {@code exp} in epoch millis, or 0 (not cached) when it cannot be read. */
    static long expiryOf(String token) {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first < 0 || second < 0) {
            return 0;
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode exp = JSON.readTree(new String(payload, StandardCharsets.UTF_8)).get("exp");
            return exp != null && exp.isNumber() ? exp.asLong() * 1000 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
