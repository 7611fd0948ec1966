package io.orderfleet.users.account;

/** Accounts in all, active ones, and admins (active or not). */
record UserTotals(long users, long active, long admins) {
}
