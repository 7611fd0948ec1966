package io.orderfleet.common.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The one place where a verified JWT becomes a caller: the {@code role} claim of a user token
 * ({@code aud=orderfleet-api}) becomes {@code ROLE_USER} (+ {@code ROLE_ADMIN}), a service token
 * ({@code aud=orderfleet-internal}) becomes {@code ROLE_SERVICE} plus {@code SCOPE_*} authorities.
 * Signature, issuer, audience and expiry were checked by the {@code JwtDecoder} before; a token whose
 * claims do not have the fleet's shape is refused here as an invalid token (401).
 */
public final class FleetJwtAuthenticationConverter implements Converter<Jwt, FleetJwtAuthenticationConverter.FleetAuthentication> {

    /** Spring Security's authentication for a fleet token: the principal is the {@link FleetPrincipal}. */
    public static final class FleetAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

        FleetAuthentication(Jwt jwt, FleetPrincipal principal, Collection<? extends GrantedAuthority> authorities) {
            super(jwt, principal, jwt, authorities);
            setAuthenticated(true);
        }

        @Override
        public Map<String, Object> getTokenAttributes() {
            return getToken().getClaims();
        }

        @Override
        public String getName() {
            return ((FleetPrincipal) getPrincipal()).subject();
        }
    }

    @Override
    public FleetAuthentication convert(Jwt jwt) {
        FleetPrincipal principal = principal(jwt);
        return new FleetAuthentication(jwt, principal, authorities(principal));
    }

    static FleetPrincipal principal(Jwt jwt) {
        List<String> audience = jwt.getAudience() == null ? List.of() : jwt.getAudience();
        String subject = jwt.getSubject();
        if (audience.contains(FleetPrincipal.SERVICE_AUDIENCE)) {
            if (subject == null || subject.isBlank()) {
                throw new InvalidBearerTokenException("service token without subject");
            }
            String scope = jwt.getClaimAsString("scope");
            Set<String> scopes = scope == null || scope.isBlank() ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
            return FleetPrincipal.service(subject, scopes);
        }
        if (!audience.contains(FleetPrincipal.USER_AUDIENCE)) {
            throw new InvalidBearerTokenException("token is not meant for this fleet");
        }
        String role = jwt.getClaimAsString("role");
        if (!FleetPrincipal.ROLE_USER.equals(role) && !FleetPrincipal.ROLE_ADMIN.equals(role)) {
            throw new InvalidBearerTokenException("token has no valid role");
        }
        try {
            return FleetPrincipal.user(Long.parseLong(subject), jwt.getClaimAsString("email"), role);
        } catch (NumberFormatException e) {
            throw new InvalidBearerTokenException("token subject is not a user id");
        }
    }

    public static List<GrantedAuthority> authorities(FleetPrincipal principal) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        if (principal.service()) {
            authorities.add(new SimpleGrantedAuthority("ROLE_SERVICE"));
            principal.scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
        } else {
            authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
            if (principal.isAdmin()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
            }
        }
        return authorities;
    }
}
