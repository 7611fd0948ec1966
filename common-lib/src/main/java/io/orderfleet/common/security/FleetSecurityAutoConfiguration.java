package io.orderfleet.common.security;

import io.orderfleet.common.web.ProblemWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The stateless security every servlet service shares: bearer JWTs verified against JWKS, 401/403 as
 * problem details, {@code /internal/**} only for service tokens with the configured scope, everything
 * else (but health, docs and the service's public paths) for signed-in users.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@EnableConfigurationProperties(FleetSecurityProperties.class)
@EnableMethodSecurity
public class FleetSecurityAutoConfiguration {

    /**
     * Nobody signs in with a username and password through Spring Security here (tokens only), so no
     * one is known. Without this bean Boot would create an in-memory user and log its password.
     */
    @Bean
    @ConditionalOnMissingBean(UserDetailsService.class)
    UserDetailsService noFormLoginUsers() {
        return username -> {
            throw new UsernameNotFoundException("Tokens only");
        };
    }

    @Bean
    @ConditionalOnMissingBean
    TokenVerifier tokenVerifier(FleetSecurityProperties properties) {
        return new JwksTokenVerifier(properties.jwksUri(), properties.issuer());
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain fleetSecurityFilterChain(HttpSecurity http, TokenVerifier verifier,
            FleetSecurityProperties properties) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint()).accessDeniedHandler(accessDenied()))
                .addFilterBefore(new BearerTokenFilter(verifier), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/error").permitAll();
                    properties.publicPaths().forEach(p -> auth.requestMatchers(p).permitAll());
                    if (properties.internalScope().isBlank()) {
                        auth.requestMatchers("/internal/**").denyAll();
                    } else {
                        auth.requestMatchers("/internal/**").hasAuthority("SCOPE_" + properties.internalScope());
                    }
                    auth.anyRequest().hasRole("USER");
                });
        return http.build();
    }

    static AuthenticationEntryPoint entryPoint() {
        return (request, response, ex) -> {
            Object reason = request.getAttribute(BearerTokenFilter.FAILURE_ATTRIBUTE);
            response.setHeader("WWW-Authenticate", "Bearer");
            ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                    reason != null ? reason.toString() : "A valid access token is required.");
        };
    }

    static AccessDeniedHandler accessDenied() {
        return (request, response, ex) -> ProblemWriter.write(request, response, HttpStatus.FORBIDDEN,
                "Forbidden", "You are not allowed to do this.");
    }
}
