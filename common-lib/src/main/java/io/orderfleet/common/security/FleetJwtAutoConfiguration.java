package io.orderfleet.common.security;

import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

/**
 * What every fleet resource server (servlet services and the reactive gateway) shares: the claim
 * mapping and a 30 s clock skew for {@code exp}/{@code nbf}. Boot's resource-server auto-configuration
 * adds the timestamp validator to the decoder it builds from {@code spring.security.oauth2.resourceserver.jwt.*}
 * (in place of its default 60 s one), next to the issuer and audience checks.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"})
@ConditionalOnClass(JwtTimestampValidator.class)
public class FleetJwtAutoConfiguration {

    public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnMissingBean
    JwtTimestampValidator fleetJwtTimestampValidator() {
        return new JwtTimestampValidator(CLOCK_SKEW);
    }

    @Bean
    @ConditionalOnMissingBean
    FleetJwtAuthenticationConverter fleetJwtAuthenticationConverter() {
        return new FleetJwtAuthenticationConverter();
    }
}
