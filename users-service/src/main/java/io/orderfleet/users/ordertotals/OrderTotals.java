package io.orderfleet.users.ordertotals;

import java.time.Instant;

/**
 * What the admin views show of a user's orders, projected from the order events:
 * <ul>
 * <li>{@code orderCount}: every order the user placed, whatever became of it (pending, confirmed,
 * shipped, delivered, rejected or cancelled);</li>
 * <li>{@code lifetimeSpendCents}: the totals of the user's orders that were confirmed and not cancelled
 * afterwards (a rejected order was never confirmed; shipped and delivered ones stay counted);</li>
 * <li>{@code lastOrderAt}: when the user last placed an order (its {@code createdAt}), null if never.</li>
 * </ul>
 */
public record OrderTotals(long orderCount, long lifetimeSpendCents, Instant lastOrderAt) {

    public static final OrderTotals NONE = new OrderTotals(0, 0, null);
}
