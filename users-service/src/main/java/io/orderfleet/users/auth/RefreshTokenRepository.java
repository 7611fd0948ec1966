package io.orderfleet.users.auth;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

interface RefreshTokenRepository extends JpaRepository<RefreshToken, Long> {

    /** Locks the row so two concurrent refreshes with one token cannot both rotate it. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("SELECT t FROM RefreshToken t WHERE t.tokenHash = :hash")
    Optional<RefreshToken> findForUpdate(@Param("hash") String tokenHash);

    /** Reuse detection: one set-based UPDATE ends every live token of the family. */
    @Transactional
    @Modifying(flushAutomatically = true)
    @Query("UPDATE RefreshToken t SET t.revokedAt = CURRENT_TIMESTAMP WHERE t.familyId = :family AND t.revokedAt IS NULL")
    int revokeFamily(@Param("family") UUID familyId);

    /** Logout, deactivation, password change: every live session of the user ends. */
    @Transactional
    @Modifying(flushAutomatically = true)
    @Query("UPDATE RefreshToken t SET t.revokedAt = CURRENT_TIMESTAMP WHERE t.userId = :user AND t.revokedAt IS NULL")
    int revokeAllOfUser(@Param("user") long userId);
}
