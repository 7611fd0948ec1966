package io.orderfleet.common.security;

import io.orderfleet.common.web.ProblemWriter;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The stateless security every servlet service shares: an OAuth2 resource server (Boot's
 * {@code JwtDecoder}, the fleet's claim mapping), 401/403 as problem details, {@code /internal/**}
 * only for service tokens with the configured scope, everything else (but health, docs and the
 * service's public paths) for signed-in users.
 */
@AutoConfiguration(after = FleetJwtAutoConfiguration.class, beforeName =
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({SecurityFilterChain.class, BearerTokenResolver.class})
@EnableConfigurationProperties(FleetSecurityProperties.class)
@EnableMethodSecurity
public class FleetSecurityAutoConfiguration {

    static final List<String> ALWAYS_PUBLIC = List.of("/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error");

    /**
     * No observations of Spring Security's own: with an observation registry it wraps every filter of the
     * chain, the authentication and the authorization in observations (spans when tracing), which cost more
     * CPU per request than the request's own work under the order benchmark (docs/performance.md). The
     * request's server span, the JDBC and the peer-call spans stay.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings fleetSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain fleetSecurityFilterChain(HttpSecurity http, FleetSecurityProperties properties,
            FleetJwtAuthenticationConverter converter) throws Exception {
        List<String> publicPaths = new ArrayList<>(ALWAYS_PUBLIC);
        publicPaths.addAll(properties.publicPaths());
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDenied()))
                .oauth2ResourceServer(o -> o.jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <F extends BearerTokenAuthenticationFilter> F postProcess(F filter) {
                                filter.setAuthenticationFailureHandler(failure());
                                return filter;
                            }
                        })
                        .bearerTokenResolver(ignoringTokensOn(publicPaths))
                        .authenticationEntryPoint(entryPoint())
                        .accessDeniedHandler(accessDenied()))
                .authorizeHttpRequests(auth -> {
                    publicPaths.forEach(p -> auth.requestMatchers(p).permitAll());
                    if (properties.internalScope().isBlank()) {
                        auth.requestMatchers("/internal/**").denyAll();
                    } else {
                        auth.requestMatchers("/internal/**").hasAuthority("SCOPE_" + properties.internalScope());
                    }
                    auth.anyRequest().hasRole("USER");
                });
        return http.build();
    }

    /** A bad token on a public path (login, refresh, health) leaves the request anonymous instead of 401. */
    static BearerTokenResolver ignoringTokensOn(List<String> publicPaths) {
        DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
        RequestMatcher open = new OrRequestMatcher(publicPaths.stream()
                .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(p)).toList());
        return request -> open.matches(request) ? null : tokens.resolve(request);
    }

    static AuthenticationEntryPoint entryPoint() {
        return (request, response, ex) -> {
            boolean invalid = ex instanceof OAuth2AuthenticationException;
            response.setHeader("WWW-Authenticate", invalid ? "Bearer error=\"invalid_token\"" : "Bearer");
            ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    invalid ? "The access token is invalid or expired." : "A valid access token is required.");
        };
    }

    /**
     * A token that could not be checked at all (the JWKS of the issuer is unreachable) is not the
     * caller's fault: 503 with Retry-After, where Spring's default would rethrow it as a 500. A token
     * that was checked and refused stays a 401.
     */
    static AuthenticationFailureHandler failure() {
        AuthenticationEntryPoint unauthorized = entryPoint();
        return (request, response, ex) -> {
            if (ex instanceof AuthenticationServiceException) {
                response.setHeader("Retry-After", "5");
                ProblemWriter.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                        "The access token cannot be checked right now (the token issuer is unreachable). Retry shortly.");
            } else {
                unauthorized.commence(request, response, ex);
            }
        };
    }

    static AccessDeniedHandler accessDenied() {
        return (request, response, ex) -> ProblemWriter.write(request, response, HttpStatus.FORBIDDEN,
                "Forbidden", "You are not allowed to do this.");
    }
}
