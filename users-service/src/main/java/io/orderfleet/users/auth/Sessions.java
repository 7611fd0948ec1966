package io.orderfleet.users.auth;

import org.springframework.stereotype.Component;

/** What other features may do to a user's sessions: end them all (logout everywhere, deactivation, password change). */
@Component
public class Sessions {

    private final RefreshTokenRepository tokens;

    Sessions(RefreshTokenRepository tokens) {
        this.tokens = tokens;
    }

    public void revokeAll(long userId) {
        tokens.revokeAllOfUser(userId);
    }
}
