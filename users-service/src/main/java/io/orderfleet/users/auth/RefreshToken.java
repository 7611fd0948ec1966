package io.orderfleet.users.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One refresh token of a family (a login and all its rotations share {@code familyId}). Only the
 * SHA-256 of the token is stored. A token is used once; using it again revokes its whole family.
 * One row per login or refresh, so the id comes from the INSERT itself (identity): no extra round trip.
 */
@Entity
@Table(name = "refresh_tokens")
class RefreshToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(updatable = false)
    private long userId;
    @Column(updatable = false)
    @JdbcTypeCode(SqlTypes.CHAR)
    private String tokenHash;
    @Column(updatable = false)
    private UUID familyId;
    @Column(updatable = false)
    private Instant expiresAt;
    private Instant usedAt;
    private Instant revokedAt;
    @Column(updatable = false)
    private Instant createdAt;

    protected RefreshToken() {
    }

    RefreshToken(long userId, String tokenHash, UUID familyId, Instant expiresAt) {
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.familyId = familyId;
        this.expiresAt = expiresAt;
        this.createdAt = now();
    }

    /** Neither revoked nor expired (it may still have been used). */
    boolean isLive() {
        return revokedAt == null && expiresAt.isAfter(Instant.now());
    }

    boolean wasUsed() {
        return usedAt != null;
    }

    void markUsed() {
        usedAt = now();
    }

    long userId() {
        return userId;
    }

    UUID familyId() {
        return familyId;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
