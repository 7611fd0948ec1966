package io.orderfleet.common.security;

import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies RS256/ES256/EdDSA JWTs against the public keys published by users-service. Keys are cached;
 * an unknown {@code kid} triggers one refresh (at most every {@code minRefreshInterval}) so that key
 * rotation works without a restart and a flood of forged kids cannot hammer the JWKS endpoint.
 * Unsigned ({@code alg: none}) and HMAC tokens are refused: only asymmetric algorithms are accepted.
 */
public class JwksTokenVerifier implements TokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(JwksTokenVerifier.class);
    private static final Set<String> ALLOWED_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "ES256", "EdDSA");

    private final URI jwksUri;
    private final Duration cacheTtl;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private final HttpClient http;
    private final JwtParser parser;
    private final ReentrantLock refreshLock = new ReentrantLock();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant fetchedAt = Instant.EPOCH;
    private volatile Instant lastAttempt = Instant.EPOCH;

    public JwksTokenVerifier(URI jwksUri, String issuer) {
        this(jwksUri, issuer, Duration.ofMinutes(10), Duration.ofSeconds(10), Clock.systemUTC());
    }

    public JwksTokenVerifier(URI jwksUri, String issuer, Duration cacheTtl, Duration minRefreshInterval, Clock clock) {
        this.jwksUri = jwksUri;
        this.cacheTtl = cacheTtl;
        this.minRefreshInterval = minRefreshInterval;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        this.parser = Jwts.parser()
                .keyLocator(new LocatorAdapter<Key>() {
                    @Override
                    protected Key locate(JwsHeader header) {
                        return keyFor(header);
                    }
                })
                .requireIssuer(issuer)
                .clockSkewSeconds(30)
                .build();
    }

    @Override
    public FleetPrincipal verify(String token) {
        if (token == null || token.isBlank() || token.length() > 8192) {
            throw new InvalidTokenException("missing or oversized token");
        }
        try {
            return JwtClaimsMapper.toPrincipal(parser.parseSignedClaims(token).getPayload());
        } catch (InvalidTokenException e) {
            throw e;
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidTokenException("token rejected: " + e.getClass().getSimpleName(), e);
        }
    }

    private Key keyFor(JwsHeader header) {
        if (!ALLOWED_ALGORITHMS.contains(header.getAlgorithm())) {
            throw new InvalidTokenException("algorithm not allowed");
        }
        String kid = header.getKeyId();
        if (kid == null) {
            throw new InvalidTokenException("token has no kid");
        }
        Instant now = clock.instant();
        PublicKey key = keys.get(kid);
        if (key != null && now.isBefore(fetchedAt.plus(cacheTtl))) {
            return key;
        }
        refresh(now);
        key = keys.get(kid);
        if (key == null) {
            throw new InvalidTokenException("unknown signing key");
        }
        return key;
    }

    private void refresh(Instant now) {
        refreshLock.lock();
        try {
            if (now.isBefore(lastAttempt.plus(minRefreshInterval))) {
                return;
            }
            lastAttempt = now;
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwksUri)
                    .timeout(Duration.ofSeconds(3)).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("JWKS endpoint {} answered {}", jwksUri, response.statusCode());
                return;
            }
            JwkSet set = Jwks.setParser().build().parse(response.body());
            Map<String, PublicKey> fresh = new HashMap<>();
            for (Jwk<?> jwk : set.getKeys()) {
                if (jwk.getId() != null && jwk.toKey() instanceof PublicKey publicKey) {
                    fresh.put(jwk.getId(), publicKey);
                }
            }
            keys = Map.copyOf(fresh);
            fetchedAt = now;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // keep the keys we had: a users-service outage must not log everyone out
            log.warn("Could not refresh JWKS from {}: {}", jwksUri, e.toString());
        } finally {
            refreshLock.unlock();
        }
    }
}
