package io.orderfleet.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.security.FleetPrincipal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    static final FleetPrincipal ALICE = FleetPrincipal.user(7, "alice@example.test", "user");

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static String tokenExpiringAt(Instant exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(("{\"sub\":\"7\",\"exp\":" + exp.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8))
                + ".signature";
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItExpiresAndNotASecondLonger() {
        ManualClock clock = new ManualClock();
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(10), clock);
        String token = tokenExpiringAt(clock.now.plusSeconds(90));

        tokens.put(token, ALICE);
        clock.now = clock.now.plusSeconds(89);
        assertThat(tokens.get(token)).isEqualTo(ALICE);
        clock.now = clock.now.plusSeconds(1);
        assertThat(tokens.get(token)).isNull();
    }

    @Test
    void noTokenIsRememberedLongerThanTheMaximumAgeSoAChangedKeySetIsNoticed() {
        ManualClock clock = new ManualClock();
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(1), clock);
        String token = tokenExpiringAt(clock.now.plusSeconds(900));

        tokens.put(token, ALICE);
        clock.now = clock.now.plusSeconds(60);
        assertThat(tokens.get(token)).isNull();
    }

    @Test
    void anAlreadyExpiredOrUnreadableTokenIsNotRemembered() {
        ManualClock clock = new ManualClock();
        VerifiedTokens tokens = new VerifiedTokens(100, Duration.ofMinutes(1), clock);

        tokens.put(tokenExpiringAt(clock.now.minusSeconds(1)), ALICE);
        tokens.put("not-a-jwt", ALICE);
        tokens.put("a.%%%.b", ALICE);

        assertThat(tokens.size()).isZero();
        assertThat(tokens.get("not-a-jwt")).isNull();
    }

    @Test
    void theCacheNeverGrowsBeyondItsBound() {
        ManualClock clock = new ManualClock();
        VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 35; i++) {
            tokens.put(tokenExpiringAt(clock.now.plusSeconds(100 + i)), ALICE);
            assertThat(tokens.size()).isLessThanOrEqualTo(10);
        }
        String last = tokenExpiringAt(clock.now.plusSeconds(500));
        tokens.put(last, ALICE);
        assertThat(tokens.get(last)).isEqualTo(ALICE);
    }
}
