package io.orderfleet.gateway.edge;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * The public keys of the edge check: users-service's JWKS, fetched on the first token and kept. A token
 * whose {@code kid} is not in the kept set makes the set be fetched again (a key rotation), but at most
 * once per {@code refetchInterval} (and once per {@code retryAfterFailure} while the fetch fails): inside
 * that window such a token finds no key and is refused with 401 without a request to users-service, so
 * tokens with made-up {@code kid}s cannot turn the gateway into a load generator against the JWKS endpoint.
 * A failed fetch (users-service down or restarting, a timeout, a body that is no JWK set) leaves the tokens
 * that waited for it without a key, so they are refused with 401 like bad tokens, never answered 500; the
 * kept set stays. Concurrent misses share one fetch. The windows follow the injected {@link Clock}; a clock
 * that went back before the last fetch opens the window rather than closing it for that long.
 */
final class EdgeJwkSet implements Function<SignedJWT, Flux<JWK>> {

    private static final Logger log = LoggerFactory.getLogger(EdgeJwkSet.class);

    private final WebClient client;
    private final URI uri;
    private final Set<JWSAlgorithm> algorithms;
    private final Clock clock;
    private final long refetchIntervalMillis;
    private final long retryAfterFailureMillis;
    private final Duration fetchTimeout;

    private volatile JWKSet keys;
    private final Object lock = new Object();
    private Mono<JWKSet> pending;             // guarded by lock
    private long lastFetchAt = Long.MIN_VALUE; // guarded by lock: when the last fetch ended (clock millis)
    private long waitAfterLast;                // guarded by lock

    EdgeJwkSet(WebClient client, URI uri, Set<JWSAlgorithm> algorithms, Clock clock, Duration refetchInterval,
            Duration retryAfterFailure, Duration fetchTimeout) {
        this.client = client;
        this.uri = uri;
        this.algorithms = Set.copyOf(algorithms);
        this.clock = clock;
        this.refetchIntervalMillis = refetchInterval.toMillis();
        this.retryAfterFailureMillis = retryAfterFailure.toMillis();
        this.fetchTimeout = fetchTimeout;
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWSHeader header = jwt.getHeader();
        JWKMatcher matcher = algorithms.contains(header.getAlgorithm()) ? JWKMatcher.forJWSHeader(header) : null;
        if (matcher == null) {
            return Flux.empty(); // an algorithm we do not accept: no key, the processor refuses the token
        }
        JWKSelector selector = new JWKSelector(matcher);
        JWKSet known = keys;
        if (known != null) {
            List<JWK> found = selector.select(known);
            if (!found.isEmpty()) {
                return Flux.fromIterable(found);
            }
        }
        return refetch().flatMapIterable(selector::select);
    }

    /** The fetch in flight, a new one if the window allows it, or nothing (the token finds no key). */
    private Mono<JWKSet> refetch() {
        synchronized (lock) {
            if (pending != null) {
                return pending;
            }
            long now = clock.millis();
            if (lastFetchAt != Long.MIN_VALUE && now >= lastFetchAt && now - lastFetchAt < waitAfterLast) {
                return Mono.empty();
            }
            pending = client.get().uri(uri).retrieve().bodyToMono(String.class)
                    .timeout(fetchTimeout)
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty JWKS response")))
                    .map(EdgeJwkSet::parse)
                    .doOnNext(set -> {
                        keys = set;
                        log.info("Fetched the JWKS from {}: {} key(s)", uri, set.getKeys().size());
                    })
                    .doOnError(e -> log.warn("Could not fetch the JWKS from {} ({}); tokens are refused until it answers",
                            uri, e.toString()))
                    .doFinally(signal -> settled(signal == SignalType.ON_COMPLETE))
                    // the waiting tokens find no key (401, as inside the window): an error here would leave the
                    // decoder as an IllegalStateException, which the edge check cannot refuse, so a 500
                    .onErrorResume(e -> Mono.empty())
                    .cache();
            return pending;
        }
    }

    private void settled(boolean fetched) {
        synchronized (lock) {
            pending = null;
            lastFetchAt = clock.millis();
            waitAfterLast = fetched ? refetchIntervalMillis : retryAfterFailureMillis;
        }
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("the JWKS is not a JWK set", e);
        }
    }
}
