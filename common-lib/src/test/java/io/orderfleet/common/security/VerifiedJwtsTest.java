package io.orderfleet.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class VerifiedJwtsTest {

    private final Instant now = Instant.parse("2026-11-30T12:00:00Z");
    private final List<String> decoded = new ArrayList<>();

    private JwtDecoder counting(Instant expiresAt) {
        return token -> {
            decoded.add(token);
            if (token.startsWith("bad")) {
                throw new BadJwtException("bad signature");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("7").issuedAt(now.minusSeconds(1))
                    .expiresAt(expiresAt).build();
        };
    }

    /** A clock that stays where the test puts it. */
    private static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
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

    private JwtDecoder decoder(JwtDecoder delegate, Clock clock) {
        return VerifiedJwts.cached(delegate, new VerifiedJwts(10, Duration.ofMinutes(1), clock));
    }

    @Test
    void aRepeatedTokenIsVerifiedOnceAndAnsweredFromTheCache() {
        var decoder = decoder(counting(now.plusSeconds(900)), Clock.fixed(now, ZoneOffset.UTC));

        Jwt first = decoder.decode("good");
        Jwt second = decoder.decode("good");

        assertThat(second).isSameAs(first);
        assertThat(decoded).containsExactly("good");
    }

    @Test
    void aRefusedTokenIsNeverCachedAndIsRefusedEveryTime() {
        var decoder = decoder(counting(now.plusSeconds(900)), Clock.fixed(now, ZoneOffset.UTC));

        assertThatThrownBy(() -> decoder.decode("bad-1")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("bad-1")).isInstanceOf(BadJwtException.class);

        assertThat(decoded).containsExactly("bad-1", "bad-1");
    }

    @Test
    void aTokenIsVerifiedAgainOnceItHasExpired() {
        MovingClock clock = new MovingClock(now);
        var decoder = decoder(counting(now.plusSeconds(10)), clock);

        decoder.decode("short-lived");
        clock.now = now.plusSeconds(11);
        decoder.decode("short-lived");

        assertThat(decoded).containsExactly("short-lived", "short-lived");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheMaximumAge() {
        MovingClock ticking = new MovingClock(now);
        var decoder = decoder(counting(now.plusSeconds(900)), ticking);

        decoder.decode("long-lived");
        ticking.now = now.plusSeconds(59);
        decoder.decode("long-lived");
        assertThat(decoded).as("within the minute: from the cache").containsExactly("long-lived");
        ticking.now = now.plusSeconds(61);
        decoder.decode("long-lived");

        assertThat(decoded).containsExactly("long-lived", "long-lived");
    }

    @Test
    void aFullCacheStaysBounded() {
        var verified = new VerifiedJwts(3, Duration.ofMinutes(1), Clock.fixed(now, ZoneOffset.UTC));
        var decoder = VerifiedJwts.cached(counting(now.plusSeconds(900)), verified);

        for (int i = 0; i < 10; i++) {
            decoder.decode("token-" + i);
        }

        assertThat(verified.size()).isLessThanOrEqualTo(3);
    }
}
