package io.orderfleet.common.security;

import io.jsonwebtoken.Claims;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/** Turns verified claims into a principal, refusing tokens whose audience or shape is not the fleet's. */
public final class JwtClaimsMapper {

    private JwtClaimsMapper() {
    }

    public static FleetPrincipal toPrincipal(Claims claims) {
        Set<String> audience = claims.getAudience();
        if (audience != null && audience.contains(FleetPrincipal.SERVICE_AUDIENCE)) {
            String scope = claims.get("scope", String.class);
            Set<String> scopes = scope == null ? Set.of()
                    : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
            if (claims.getSubject() == null || claims.getSubject().isBlank()) {
                throw new InvalidTokenException("service token without subject");
            }
            return FleetPrincipal.service(claims.getSubject(), scopes);
        }
        if (audience == null || !audience.contains(FleetPrincipal.USER_AUDIENCE)) {
            throw new InvalidTokenException("token is not meant for this fleet");
        }
        String role = claims.get("role", String.class);
        if (!FleetPrincipal.ROLE_USER.equals(role) && !FleetPrincipal.ROLE_ADMIN.equals(role)) {
            throw new InvalidTokenException("token has no valid role");
        }
        long userId;
        try {
            userId = Long.parseLong(claims.getSubject());
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidTokenException("token subject is not a user id");
        }
        return FleetPrincipal.user(userId, claims.get("email", String.class), role);
    }
}
