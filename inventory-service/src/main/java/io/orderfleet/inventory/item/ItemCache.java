package io.orderfleet.inventory.item;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cache-aside for items in Redis (DB 2). Every entry carries the row's version and a Lua script only
 * ever replaces an entry with a newer version, so a slow reader can never put back a value older than
 * the one a writer published after its commit: a read right after a write is never stale. Writers
 * publish the new row after commit (an archived item becomes an empty tombstone). Redis being down
 * only costs speed: reads and writes go on against PostgreSQL.
 */
@Component
public class ItemCache {

    private static final Logger log = LoggerFactory.getLogger(ItemCache.class);
    private static final DefaultRedisScript<Long> PUT_IF_NEWER = new DefaultRedisScript<>("""
            local v = redis.call('HGET', KEYS[1], 'v')
            if (not v) or tonumber(v) < tonumber(ARGV[1]) then
              redis.call('HSET', KEYS[1], 'v', ARGV[1], 'json', ARGV[2])
              redis.call('PEXPIRE', KEYS[1], ARGV[3])
              return 1
            end
            return 0""", Long.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    ItemCache(StringRedisTemplate redis, JsonMapper json, @Value("${orderfleet.inventory.cache-ttl:10m}") Duration ttl,
            MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
        this.hits = meters.counter("inventory.item.cache", "result", "hit");
        this.misses = meters.counter("inventory.item.cache", "result", "miss");
        this.errors = meters.counter("inventory.item.cache", "result", "error");
    }

    /** Empty when not cached (or Redis is unavailable): the caller reads PostgreSQL. */
    Optional<Item> get(String sku) {
        try {
            Object cached = redis.opsForHash().get(key(sku), "json");
            if (cached instanceof String s && !s.isEmpty()) {
                hits.increment();
                return Optional.of(json.readValue(s, Item.class));
            }
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("Item cache unavailable: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
        misses.increment();
        return Optional.empty();
    }

    void put(Item item) {
        write(item.sku(), item.version(), json.writeValueAsString(item));
    }

    /** Publishes rows written by the current transaction once it has committed. */
    public void putAfterCommit(List<Item> items) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    items.forEach(ItemCache.this::put);
                }
            });
        } else {
            items.forEach(this::put);
        }
    }

    void tombstoneAfterCommit(String sku, long version) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                write(sku, version, "");
            }
        });
    }

    private void write(String sku, long version, String value) {
        try {
            redis.execute(PUT_IF_NEWER, List.of(key(sku)), Long.toString(version), value,
                    Long.toString(ttl.toMillis()));
        } catch (RuntimeException e) {
            errors.increment();
            // a failed publish must not leave an old entry behind: drop it if we still can
            log.warn("Item cache write failed: {}", e.getClass().getSimpleName());
            try {
                redis.delete(key(sku));
            } catch (RuntimeException ignored) {
                // Redis is down; entries expire by TTL
            }
        }
    }

    private static String key(String sku) {
        return "item:" + sku;
    }
}
