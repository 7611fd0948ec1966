package io.orderfleet.users.auth;

import io.orderfleet.common.problem.ProblemException;
import io.orderfleet.users.account.AccountService;
import io.orderfleet.users.account.EmailAddress;
import io.orderfleet.users.account.UserAccount;
import io.orderfleet.users.account.UserRepository;
import io.orderfleet.users.account.UserView;
import io.orderfleet.users.auth.AuthDtos.TokenResponse;
import io.orderfleet.users.token.JwtProperties;
import io.orderfleet.users.token.TokenIssuer;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

@Service
class AuthService {

    private final UserRepository users;
    private final AccountService accounts;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final JwtProperties jwt;
    private final LoginThrottle throttle;
    private final TransactionTemplate tx;
    /** Compared against when the email is unknown, so both paths cost one BCrypt check. */
    private final String dummyHash;

    AuthService(UserRepository users, AccountService accounts, RefreshTokenRepository refreshTokens,
            PasswordEncoder passwords, TokenIssuer issuer, JwtProperties jwt, LoginThrottle throttle,
            TransactionTemplate tx) {
        this.users = users;
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.passwords = passwords;
        this.issuer = issuer;
        this.jwt = jwt;
        this.throttle = throttle;
        this.tx = tx;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    TokenResponse register(String name, String email, String password) {
        UserView user = accounts.create(name, email, password, "user");
        return tx.execute(status -> tokensFor(user, UUID.randomUUID()));
    }

    TokenResponse login(String rawEmail, String password, String clientAddress) {
        String email = EmailAddress.normalise(rawEmail);
        throttle.checkAllowed(email, clientAddress);
        UserAccount user = users.findByEmail(email).orElse(null);
        boolean matches = passwords.matches(password, user == null ? dummyHash : user.passwordHash());
        if (user == null || !matches || !user.active()) {
            throttle.recordFailure(email, clientAddress);
            throw invalidCredentials();
        }
        throttle.recordSuccess(email);
        return tx.execute(status -> tokensFor(user.view(), UUID.randomUUID()));
    }

    /**
     * Rotates a refresh token. A token that was already used is treated as stolen: the whole family is
     * revoked (and that revocation commits) before the caller gets its 401.
     */
    TokenResponse refresh(String token) {
        RefreshOutcome outcome = tx.execute(status -> {
            RefreshToken stored = refreshTokens.findForUpdate(RefreshTokens.hash(token)).orElse(null);
            if (stored == null || !stored.isLive()) {
                return RefreshOutcome.refused();
            }
            if (stored.wasUsed()) {
                refreshTokens.revokeFamily(stored.familyId());
                return RefreshOutcome.refused();
            }
            UserAccount user = users.findById(stored.userId()).orElse(null);
            if (user == null || !user.active()) {
                refreshTokens.revokeFamily(stored.familyId());
                return RefreshOutcome.refused();
            }
            stored.markUsed();
            return new RefreshOutcome(tokensFor(user.view(), stored.familyId()));
        });
        if (outcome == null || outcome.response() == null) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Unauthorized",
                    "The refresh token is invalid, expired or was already used.");
        }
        return outcome.response();
    }

    void logout(String token) {
        tx.executeWithoutResult(status -> refreshTokens.findForUpdate(RefreshTokens.hash(token))
                .ifPresent(stored -> refreshTokens.revokeAllOfUser(stored.userId())));
    }

    private TokenResponse tokensFor(UserView user, UUID family) {
        String refresh = RefreshTokens.newToken();
        refreshTokens.save(new RefreshToken(user.id(), RefreshTokens.hash(refresh), family,
                Instant.now().plus(jwt.refreshTokenTtl())));
        return new TokenResponse(user, issuer.accessToken(user.id(), user.email(), user.role()), refresh,
                "Bearer", issuer.accessTokenSeconds());
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(HttpStatus.UNAUTHORIZED, "Unauthorized", "Invalid email or password.");
    }

    private record RefreshOutcome(TokenResponse response) {
        static RefreshOutcome refused() {
            return new RefreshOutcome(null);
        }
    }
}
