package io.orderfleet.users.account;

import io.orderfleet.users.ordertotals.OrderTotals;
import java.time.Instant;

/**
 * The {@code User} as admins see it: the account plus the user's orders as projected from the order
 * events ({@link OrderTotals} says exactly what counts). Eventually consistent: an order shows up here
 * once users-service has consumed its event.
 */
public record AdminUserView(long id, String name, String email, String role, boolean active, Instant createdAt,
        long orderCount, long lifetimeSpendCents, Instant lastOrderAt) {

    static AdminUserView of(UserView user, OrderTotals totals) {
        return new AdminUserView(user.id(), user.name(), user.email(), user.role(), user.active(), user.createdAt(),
                totals.orderCount(), totals.lifetimeSpendCents(), totals.lastOrderAt());
    }
}
