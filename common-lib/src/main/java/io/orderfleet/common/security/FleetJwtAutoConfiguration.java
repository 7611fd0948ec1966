package io.orderfleet.common.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;

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

    /**
     * Every servlet {@link JwtDecoder} bean (Boot's from {@code spring.security.oauth2.resourceserver.jwt.*},
     * users-service's local one) is put behind {@link CachingJwtDecoder}, and its {@code iss} claim stays a
     * string: Spring's default claim conversion tries to make a URL of it, and the fleet's issuer
     * ({@code orderfleet-users}) is not one, so every decoded token threw and caught an exception. The issuer
     * check compares strings either way. Both were found with JFR under the order benchmark
     * (docs/performance.md).
     */
    @Bean
    static BeanPostProcessor fleetJwtDecoderTuning() {
        MappedJwtClaimSetConverter claims = MappedJwtClaimSetConverter
                .withDefaults(Map.of(JwtClaimNames.ISS, iss -> iss == null ? null : iss.toString()));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof NimbusJwtDecoder decoder) {
                    decoder.setClaimSetConverter(claims);
                } else if (bean instanceof NimbusReactiveJwtDecoder decoder) {
                    decoder.setClaimSetConverter(claims);
                }
                if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
                    return new CachingJwtDecoder(decoder,
                            new VerifiedJwts(VerifiedJwts.MAX_ENTRIES, VerifiedJwts.MAX_AGE, Clock.systemUTC()));
                }
                return bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    FleetJwtAuthenticationConverter fleetJwtAuthenticationConverter() {
        return new FleetJwtAuthenticationConverter();
    }
}
