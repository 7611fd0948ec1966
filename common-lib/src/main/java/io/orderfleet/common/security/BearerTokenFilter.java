package io.orderfleet.common.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} requests. A bad token leaves the request anonymous
 * and remembers why, so protected paths answer 401 and public ones (login, refresh) still work.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    static final String FAILURE_ATTRIBUTE = BearerTokenFilter.class.getName() + ".failure";

    private final TokenVerifier verifier;

    public BearerTokenFilter(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                FleetPrincipal principal = verifier.verify(header.substring(7).trim());
                var authentication = UsernamePasswordAuthenticationToken.authenticated(principal, null,
                        authorities(principal));
                SecurityContextHolder.getContext().setAuthentication(authentication);
            } catch (InvalidTokenException e) {
                request.setAttribute(FAILURE_ATTRIBUTE, "The access token is invalid or expired.");
            }
        }
        chain.doFilter(request, response);
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
