package io.orderfleet.users.token;

import io.orderfleet.common.security.FleetJwtAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * users-service is a resource server like every other service, but checks tokens against its own
 * public key in-process instead of fetching its own JWKS over HTTP: same algorithm (RS256 only), same
 * issuer, audiences and clock skew. Boot's decoder from {@code jwk-set-uri} backs off for this bean.
 */
@Configuration(proxyBeanMethods = false)
class LocalJwtDecoderConfig {

    @Bean
    JwtDecoder jwtDecoder(SigningKey key, JwtProperties jwt, OAuth2ResourceServerProperties resourceServer,
            JwtTimestampValidator timestamps) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.publicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(FleetJwtAutoConfiguration.validator(timestamps, jwt.issuer(),
                resourceServer.getJwt().getAudiences()));
        return decoder;
    }
}
