package io.orderfleet.users.auth;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefreshTokenRepository {

    record StoredRefreshToken(long id, long userId, UUID familyId, Instant expiresAt, Instant usedAt,
            Instant revokedAt) {
    }

    private final JdbcClient jdbc;

    RefreshTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long userId, String tokenHash, UUID familyId, Instant expiresAt) {
        jdbc.sql("INSERT INTO refresh_tokens (user_id, token_hash, family_id, expires_at)"
                        + " VALUES (:user, :hash, :family, :expires)")
                .param("user", userId).param("hash", tokenHash).param("family", familyId)
                .param("expires", java.sql.Timestamp.from(expiresAt)).update();
    }

    /** Locks the row so two concurrent refreshes with one token cannot both rotate it. */
    Optional<StoredRefreshToken> findForUpdate(String tokenHash) {
        return jdbc.sql("SELECT id, user_id, family_id, expires_at, used_at, revoked_at FROM refresh_tokens"
                        + " WHERE token_hash = :hash FOR UPDATE")
                .param("hash", tokenHash)
                .query((rs, i) -> new StoredRefreshToken(rs.getLong("id"), rs.getLong("user_id"),
                        rs.getObject("family_id", UUID.class), rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("used_at") == null ? null : rs.getTimestamp("used_at").toInstant(),
                        rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant()))
                .optional();
    }

    void markUsed(long id) {
        jdbc.sql("UPDATE refresh_tokens SET used_at = now() WHERE id = :id").param("id", id).update();
    }

    int revokeFamily(UUID familyId) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = :family AND revoked_at IS NULL")
                .param("family", familyId).update();
    }

    int revokeAllOfUser(long userId) {
        return jdbc.sql("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = :user AND revoked_at IS NULL")
                .param("user", userId).update();
    }
}
