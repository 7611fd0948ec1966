package io.orderfleet.gateway.edge;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSecurityContextJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import io.orderfleet.common.security.VerifiedJwts;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's {@link ReactiveJwtDecoder}: Spring Security's Nimbus decoder with the issuer, audiences,
 * algorithms and 30 s clock skew of {@code spring.security.oauth2.resourceserver.jwt.*}, its keys from
 * {@link EdgeJwkSet} (the JWKS at {@code jwk-set-uri}, refetched for an unknown {@code kid} at most once per
 * {@code orderfleet.gateway.jwks.refetch-interval}), behind a bounded cache of verified tokens so that a
 * repeated token costs no RSA verification. Boot's reactive security auto-configurations are excluded
 * (application.yml): the edge check is one filter ({@link EdgeAuthFilter}), not a security filter chain
 * around every request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
class EdgeSecurityConfig {

    @Bean
    ReactiveJwtDecoder edgeJwtDecoder(OAuth2ResourceServerProperties properties, JwtTimestampValidator timestamps,
            GatewayProperties gateway, Clock clock) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        Set<JWSAlgorithm> algorithms = jwt.getJwsAlgorithms().stream().map(JWSAlgorithm::parse).collect(Collectors.toSet());
        GatewayProperties.Jwks jwks = gateway.jwks();
        EdgeJwkSet keys = new EdgeJwkSet(WebClient.create(), URI.create(jwt.getJwkSetUri()), algorithms, clock,
                jwks.refetchInterval(), jwks.retryAfterFailure(), jwks.fetchTimeout());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSource(keys)
                // every configured algorithm, not the builder's single one; the keys come with each token
                .jwtProcessorCustomizer(processor -> processor.setJWSKeySelector(
                        new JWSVerificationKeySelector<>(algorithms, new JWKSecurityContextJWKSet())))
                .build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(timestamps));
        if (jwt.getIssuerUri() != null) {
            validators.add(new JwtIssuerValidator(jwt.getIssuerUri()));
        }
        List<String> audiences = jwt.getAudiences();
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
        // iss stays a string: the default conversion tries to make a URL of "orderfleet-users" and throws and
        // catches an exception per decoded token (common-lib does the same for the servlet decoders)
        decoder.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(
                Map.of(JwtClaimNames.ISS, iss -> iss == null ? null : iss.toString())));
        return new VerifiedJwtCache(decoder, new VerifiedJwts(VerifiedJwts.MAX_ENTRIES, VerifiedJwts.MAX_AGE, Clock.systemUTC()));
    }
}
