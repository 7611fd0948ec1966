package io.orderfleet.users.account;

import java.time.Instant;

/** The API's {@code User}: never a password hash. */
public record UserView(long id, String name, String email, String role, boolean active, Instant createdAt) {
}
