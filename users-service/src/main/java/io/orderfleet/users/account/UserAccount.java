package io.orderfleet.users.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A row of {@code users} (without the preferences, which are {@link UserPreferences}). The password
 * hash never leaves this service's code. Accounts are created one at a time, so the id comes from the
 * column's identity default in the INSERT itself: no extra round trip, and ids stay in creation order.
 */
@Entity
@Table(name = "users")
public class UserAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String name;
    @Column(updatable = false)
    private String email;
    private String passwordHash;
    private String role;
    private boolean active;
    @Column(updatable = false)
    private Instant createdAt;
    private Instant updatedAt;

    protected UserAccount() {
    }

    UserAccount(String name, String email, String passwordHash, String role) {
        Instant now = now();
        this.name = name;
        this.email = email;
        this.passwordHash = passwordHash;
        this.role = role;
        this.active = true;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
        this.updatedAt = now();
    }

    void change(String newName, String newRole, boolean nowActive) {
        this.name = newName;
        this.role = newRole;
        this.active = nowActive;
        this.updatedAt = now();
    }

    public UserView view() {
        return new UserView(id, name, email, role, active, createdAt);
    }

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String role() {
        return role;
    }

    public boolean active() {
        return active;
    }

    public Instant createdAt() {
        return createdAt;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
