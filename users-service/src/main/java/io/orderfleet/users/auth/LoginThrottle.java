package io.orderfleet.users.auth;

import io.orderfleet.common.problem.ProblemException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per email and per client address in Redis (DB 0) and refuses further attempts
 * with 429 before the password is even checked. If Redis is down the throttle lets attempts through
 * (logins must keep working) and says so in the log; BCrypt's cost still slows guessing.
 */
@Component
class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final StringRedisTemplate redis;
    private final int maxPerEmail;
    private final int maxPerAddress;
    private final Duration window;

    LoginThrottle(StringRedisTemplate redis,
            @Value("${orderfleet.login-throttle.max-failures-per-email:5}") int maxPerEmail,
            @Value("${orderfleet.login-throttle.max-failures-per-address:20}") int maxPerAddress,
            @Value("${orderfleet.login-throttle.window:15m}") Duration window) {
        this.redis = redis;
        this.maxPerEmail = maxPerEmail;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    void checkAllowed(String email, String address) {
        try {
            refuseIfOver(emailKey(email), maxPerEmail);
            refuseIfOver(addressKey(address), maxPerAddress);
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            log.warn("Login throttle unavailable (Redis): {}", e.getClass().getSimpleName());
        }
    }

    void recordFailure(String email, String address) {
        try {
            increment(emailKey(email));
            increment(addressKey(address));
        } catch (RuntimeException e) {
            log.warn("Login throttle unavailable (Redis): {}", e.getClass().getSimpleName());
        }
    }

    void recordSuccess(String email) {
        try {
            redis.delete(emailKey(email));
        } catch (RuntimeException e) {
            log.warn("Login throttle unavailable (Redis): {}", e.getClass().getSimpleName());
        }
    }

    private void refuseIfOver(String key, int max) {
        String value = redis.opsForValue().get(key);
        if (value != null && Long.parseLong(value) >= max) {
            Long ttl = redis.getExpire(key);
            throw ProblemException.tooManyRequests("Too many failed logins; try again later.",
                    ttl == null || ttl < 1 ? window.toSeconds() : ttl);
        }
    }

    private void increment(String key) {
        Long count = redis.opsForValue().increment(key);
        if (count != null && count == 1) {
            redis.expire(key, window);
        }
    }

    private static String emailKey(String email) {
        return "login:fail:email:" + email;
    }

    private static String addressKey(String address) {
        return "login:fail:addr:" + address;
    }
}
