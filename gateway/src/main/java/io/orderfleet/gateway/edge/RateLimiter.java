package io.orderfleet.gateway.edge;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Fixed one-minute windows counted in Redis DB 3, shared by every gateway instance. When Redis does
 * not answer within 100 ms the same windows are counted in this instance's memory instead: the edge
 * neither opens (no limit) nor closes (everything refused) because Redis is down. Windows follow the
 * injected {@link Clock}, so where a window starts is under a test's control.
 */
@Component
public class RateLimiter {

    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds) {
    }

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final RedisScript<Long> INCREMENT = RedisScript.of("""
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return n""", Long.class);

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;
    private final Map<String, AtomicLong> local = new ConcurrentHashMap<>();
    private final AtomicBoolean degraded = new AtomicBoolean();

    RateLimiter(ReactiveStringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    public Mono<Decision> hit(String bucket, String subject, int perMinute) {
        long now = clock.millis();
        long window = now / 60_000;
        long resetSeconds = Math.max(1, ((window + 1) * 60_000 - now + 999) / 1000);
        String key = "rl:" + bucket + ":" + subject + ":" + window;
        return redis.execute(INCREMENT, List.of(key), List.of(Long.toString(Duration.ofMinutes(2).toMillis())))
                .next()
                .timeout(Duration.ofMillis(100))
                .doOnNext(n -> {
                    if (degraded.compareAndSet(true, false)) {
                        log.info("Rate limiting is back on Redis");
                    }
                })
                .onErrorResume(e -> {
                    if (degraded.compareAndSet(false, true)) {
                        log.warn("Redis unavailable for rate limiting ({}); limiting per instance", e.getClass().getSimpleName());
                    }
                    return Mono.just(local.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet());
                })
                .map(n -> new Decision(n <= perMinute, perMinute, Math.max(0, perMinute - n), resetSeconds));
    }

    /** Drops local windows that have ended. */
    @Scheduled(fixedDelay = 60_000)
    void forgetOldWindows() {
        long current = clock.millis() / 60_000;
        local.keySet().removeIf(k -> Long.parseLong(k.substring(k.lastIndexOf(':') + 1)) < current);
    }
}
