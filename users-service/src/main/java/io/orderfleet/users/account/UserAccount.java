package io.orderfleet.users.account;

import java.time.Instant;

/** A row of {@code users}. The password hash never leaves this service's code. */
public record UserAccount(long id, String name, String email, String passwordHash, String role, boolean active,
        Instant createdAt) {

    public UserView view() {
        return new UserView(id, name, email, role, active, createdAt);
    }

    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
