package io.orderfleet.users.account;

import java.util.Locale;

/** Emails are compared and stored trimmed and lower-cased; the unique index relies on that. */
public final class EmailAddress {

    /** Checked before trimming, so surrounding spaces are accepted. */
    public static final String PATTERN = "\\s*[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+\\s*";

    private EmailAddress() {
    }

    public static String normalise(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }
}
