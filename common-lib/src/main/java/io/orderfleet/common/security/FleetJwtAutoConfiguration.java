package io.orderfleet.common.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
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

    /** Spring's claim conversion, but {@code iss} stays a string (see {@link #fleetJwtDecoderTuning()}). */
    public static final MappedJwtClaimSetConverter CLAIMS = MappedJwtClaimSetConverter
            .withDefaults(Map.of(JwtClaimNames.ISS, iss -> iss == null ? null : iss.toString()));

    /** For decoders built by hand: the timestamps, the issuer (if set) and one of the audiences (if any). */
    public static OAuth2TokenValidator<Jwt> validator(JwtTimestampValidator timestamps, String issuer,
            List<String> audiences) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>(List.of(timestamps));
        if (issuer != null) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        if (!audiences.isEmpty()) {
            validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                    aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }

    @Bean
    @ConditionalOnMissingBean
    JwtTimestampValidator fleetJwtTimestampValidator() {
        return new JwtTimestampValidator(CLOCK_SKEW);
    }

    /**
     * Every servlet {@link JwtDecoder} bean (Boot's from {@code spring.security.oauth2.resourceserver.jwt.*},
     * users-service's local one) is put behind {@link VerifiedJwts}, and its {@code iss} claim stays a
     * string: Spring's default claim conversion tries to make a URL of it, and the fleet's issuer
     * ({@code orderfleet-users}) is not one, so every decoded token threw and caught an exception. The issuer
     * check compares strings either way. Both were found with JFR under the order benchmark
     * (docs/performance.md).
     */
    @Bean
    static BeanPostProcessor fleetJwtDecoderTuning() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof NimbusJwtDecoder decoder) {
                    decoder.setClaimSetConverter(CLAIMS);
                } else if (bean instanceof NimbusReactiveJwtDecoder decoder) {
                    decoder.setClaimSetConverter(CLAIMS);
                }
                return bean instanceof NimbusJwtDecoder decoder ? VerifiedJwts.cached(decoder) : bean;
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean
    FleetJwtAuthenticationConverter fleetJwtAuthenticationConverter() {
        return new FleetJwtAuthenticationConverter();
    }
}
