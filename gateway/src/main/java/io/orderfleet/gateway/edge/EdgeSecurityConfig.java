package io.orderfleet.gateway.edge;

import io.orderfleet.common.security.VerifiedJwts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The gateway's {@link ReactiveJwtDecoder}: Spring Security's Nimbus decoder on the JWKS of
 * {@code spring.security.oauth2.resourceserver.jwt.*} (issuer, audiences, algorithms, 30 s clock skew),
 * behind a bounded cache of verified tokens so that a repeated token costs no RSA verification.
 * Boot's reactive security auto-configurations are excluded (application.yml): the edge check is one
 * filter ({@link EdgeAuthFilter}), not a security filter chain around every request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
class EdgeSecurityConfig {

    @Bean
    ReactiveJwtDecoder edgeJwtDecoder(OAuth2ResourceServerProperties properties, JwtTimestampValidator timestamps) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwt.getJwkSetUri())
                .jwsAlgorithms(algorithms -> jwt.getJwsAlgorithms().forEach(a -> algorithms.add(SignatureAlgorithm.from(a))))
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
        return new VerifiedJwtCache(decoder, new VerifiedJwts(VerifiedJwts.MAX_ENTRIES, VerifiedJwts.MAX_AGE, Clock.systemUTC()));
    }
}
