package io.orderfleet.users.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetDataJpaTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The token lock and the set-based revocations behind reuse detection and logout. */
@FleetDataJpaTest
class RefreshTokenRepositoryTest {

    @Autowired
    RefreshTokenRepository tokens;
    @Autowired
    TestEntityManager em;
    @Autowired
    JdbcClient jdbc;

    long userId;

    @BeforeEach
    void aUser() {
        userId = jdbc.sql("INSERT INTO users (name, email, password_hash, role) VALUES ('T', :email, 'x', 'user')"
                + " RETURNING id").param("email", "t-" + UUID.randomUUID() + "@example.test").query(Long.class).single();
    }

    String issue(UUID family) {
        String token = RefreshTokens.newToken();
        tokens.save(new RefreshToken(userId, RefreshTokens.hash(token), family, Instant.now().plus(7, ChronoUnit.DAYS)));
        return token;
    }

    long live(String column, Object value) {
        return jdbc.sql("SELECT count(*) FROM refresh_tokens WHERE " + column + " = :v AND revoked_at IS NULL")
                .param("v", value).query(Long.class).single();
    }

    @Test
    void aTokenIsFoundByItsHashOnlyAndItsUseIsRecorded() {
        String token = issue(UUID.randomUUID());
        em.flush();
        em.clear();

        RefreshToken stored = tokens.findForUpdate(RefreshTokens.hash(token)).orElseThrow();
        assertThat(stored.isLive()).isTrue();
        assertThat(stored.wasUsed()).isFalse();
        stored.markUsed();
        em.flush();
        em.clear();

        assertThat(tokens.findForUpdate(RefreshTokens.hash(token)).orElseThrow().wasUsed()).isTrue();
        assertThat(tokens.findForUpdate(token)).as("the raw token is never stored").isEmpty();
    }

    @Test
    void revokingAFamilyEndsAllItsTokensAndNoOtherFamily() {
        UUID stolen = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        issue(stolen);
        issue(stolen);
        issue(other);

        assertThat(tokens.revokeFamily(stolen)).isEqualTo(2);
        assertThat(tokens.revokeFamily(stolen)).as("already revoked tokens are left alone").isZero();

        assertThat(live("family_id", stolen)).isZero();
        assertThat(live("family_id", other)).isEqualTo(1);
    }

    @Test
    void revokingAUserEndsEverySessionOfThatUser() {
        issue(UUID.randomUUID());
        issue(UUID.randomUUID());

        assertThat(tokens.revokeAllOfUser(userId)).isEqualTo(2);

        assertThat(live("user_id", userId)).isZero();
        em.clear();
        assertThat(tokens.findAll()).filteredOn(t -> t.userId() == userId).noneMatch(RefreshToken::isLive);
    }
}
