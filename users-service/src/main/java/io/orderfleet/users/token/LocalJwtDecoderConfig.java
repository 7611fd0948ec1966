package io.orderfleet.users.token;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
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
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(timestamps, new JwtIssuerValidator(jwt.issuer())));
        List<String> audiences = resourceServer.getJwt().getAudiences();
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(validators));
        return decoder;
    }
}
