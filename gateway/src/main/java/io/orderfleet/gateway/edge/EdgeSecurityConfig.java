package io.orderfleet.gateway.edge;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import io.orderfleet.common.security.FleetJwtAutoConfiguration;
import io.orderfleet.common.security.VerifiedJwts;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The gateway's {@link ReactiveJwtDecoder}: Spring Security's Nimbus decoder with the issuer, audiences,
 * algorithms and 30 s clock skew of {@code spring.security.oauth2.resourceserver.jwt.*}, behind the bounded
 * cache of verified tokens ({@link VerifiedJwts}) so that a repeated token costs no RSA verification.
 *
 * <p>The keys are Nimbus's JWK set sources: users-service's JWKS, fetched on the first token and kept; a token
 * naming an unknown {@code kid} refetches it (a key rotation), at most twice per
 * {@code orderfleet.gateway.jwks.refetch-interval} (Nimbus's rate limiter), so made-up {@code kid}s cannot turn
 * the gateway into a load generator against users-service. A token that finds no key (rate limited, or the fetch
 * failed) is refused with 401 like a bad one, never 500; the kept set stays. Fetches block, so they run on
 * Reactor's bounded-elastic scheduler; the windows follow the injected {@link Clock}.
 *
 * <p>Boot's reactive security auto-configurations are excluded (application.yml): the edge check is one filter
 * ({@link EdgeAuthFilter}), not a security filter chain around every request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
class EdgeSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(EdgeSecurityConfig.class);

    @Bean
    ReactiveJwtDecoder edgeJwtDecoder(OAuth2ResourceServerProperties properties, JwtTimestampValidator timestamps,
            GatewayProperties gateway, Clock clock) throws MalformedURLException {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        Set<JWSAlgorithm> algorithms = jwt.getJwsAlgorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        int timeout = (int) gateway.jwks().fetchTimeout().toMillis();
        JWKSetSource<SecurityContext> source = new CachingJWKSetSource<>(new RateLimitedJWKSetSource<>(
                new URLBasedJWKSetSource<>(URI.create(jwt.getJwkSetUri()).toURL(),
                        new DefaultResourceRetriever(timeout, timeout, 256 * 1024)),
                gateway.jwks().refetchInterval().toMillis(), null), Long.MAX_VALUE, timeout, null);
        AtomicReference<JWKSet> kept = new AtomicReference<>();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(token -> algorithms.contains(token.getHeader().getAlgorithm())
                        ? keys(source, kept, new JWKSelector(JWKMatcher.forJWSHeader(token.getHeader())), clock)
                        : Flux.empty())
                // every configured algorithm, not the builder's single one; the keys come with each token
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(
                        new JWSVerificationKeySelector<>(algorithms, new JWKSecurityContextJWKSet())))
                .build();
        decoder.setJwtValidator(FleetJwtAutoConfiguration.validator(timestamps, jwt.getIssuerUri(), jwt.getAudiences()));
        decoder.setClaimSetConverter(FleetJwtAutoConfiguration.CLAIMS); // iss stays a string, as in the services
        VerifiedJwts verified = new VerifiedJwts(VerifiedJwts.MAX_ENTRIES, VerifiedJwts.MAX_AGE, Clock.systemUTC());
        return token -> {
            Jwt known = verified.get(token);
            return known != null ? Mono.just(known) : decoder.decode(token).doOnNext(d -> verified.remember(token, d));
        };
    }

    /** The kept keys that match, or else (on a bounded-elastic thread) the keys of a refetch, if the limit allows one. */
    private static Flux<JWK> keys(JWKSetSource<SecurityContext> source, AtomicReference<JWKSet> kept,
            JWKSelector selector, Clock clock) {
        JWKSet known = kept.get();
        List<JWK> found = known == null ? List.of() : selector.select(known);
        if (!found.isEmpty()) {
            return Flux.fromIterable(found);
        }
        // back on the request's own event loop afterwards: a response completed on the bounded-elastic thread left
        // the next request on its keep-alive connection unread at times (GatewayTest under load, a 30 s hang)
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        return Mono.fromCallable(() -> {
            JWKSet fetched = source.getJWKSet(known == null ? JWKSetCacheRefreshEvaluator.noRefresh()
                    : JWKSetCacheRefreshEvaluator.referenceComparison(known), clock.millis(), null);
            kept.set(fetched);
            return selector.select(fetched);
        }).subscribeOn(Schedulers.boundedElastic()).onErrorResume(KeySourceException.class, e -> {
            if (!(e instanceof RateLimitReachedException)) {
                log.warn("Could not fetch the JWKS ({}); tokens naming new keys are refused until it answers", e.toString());
            }
            return Mono.just(List.of());
        }).publishOn(loop == null ? Schedulers.immediate() : Schedulers.fromExecutor(loop)).flatMapIterable(keys -> keys);
    }
}
