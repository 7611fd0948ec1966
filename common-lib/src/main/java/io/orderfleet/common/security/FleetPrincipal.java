package io.orderfleet.common.security;

import java.util.Set;

/**
 * Who is calling: a user (access token, {@code aud=orderfleet-api}) or a service (client-credentials
 * token, {@code aud=orderfleet-internal}). Built only from a verified token.
 */
public record FleetPrincipal(String subject, Long userId, String email, String role, Set<String> scopes,
        boolean service) {

    public static final String USER_AUDIENCE = "orderfleet-api";
    public static final String SERVICE_AUDIENCE = "orderfleet-internal";
    public static final String ROLE_USER = "user";
    public static final String ROLE_ADMIN = "admin";

    public static FleetPrincipal user(long userId, String email, String role) {
        return new FleetPrincipal(Long.toString(userId), userId, email, role, Set.of(), false);
    }

    public static FleetPrincipal service(String clientId, Set<String> scopes) {
        return new FleetPrincipal(clientId, null, null, null, Set.copyOf(scopes), true);
    }

    public boolean isAdmin() {
        return !service && ROLE_ADMIN.equals(role);
    }

    public boolean hasScope(String scope) {
        return service && scopes.contains(scope);
    }
}
