package io.orderfleet.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it, so rate-limit windows start and end where the test says. */
final class ManualClock extends Clock {

    private volatile Instant now;
    private volatile Instant latest;

    ManualClock(Instant start) {
        this.now = start;
        this.latest = start;
    }

    synchronized void set(Instant instant) {
        now = instant;
        latest = instant.isAfter(latest) ? instant : latest;
    }

    /**
     * Moves the clock a day past the latest time any test set, and returns it: windows that only open as time
     * goes forward (the JWKS rate limiter's) are open then, whichever tests ran before.
     */
    synchronized Instant later() {
        set(latest.plus(java.time.Duration.ofDays(1)));
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
