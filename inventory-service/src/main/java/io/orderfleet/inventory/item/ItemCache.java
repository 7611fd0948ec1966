package io.orderfleet.inventory.item;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
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
    private final Counter bypassed;
    /** SKUs whose post-commit publish failed; kept per instance, bounded by the entry TTL across instances. */
    private final Set<String> unpublished = ConcurrentHashMap.newKeySet();
    private volatile long downSince = System.nanoTime() - RETRY_AFTER.toNanos();

    ItemCache(StringRedisTemplate redis, JsonMapper json, @Value("${orderfleet.inventory.cache-ttl:10m}") Duration ttl,
            MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
        this.hits = meters.counter("inventory.item.cache", "result", "hit");
        this.misses = meters.counter("inventory.item.cache", "result", "miss");
        this.errors = meters.counter("inventory.item.cache", "result", "error");
        this.bypassed = meters.counter("inventory.item.cache", "result", "bypass");
    }

    /** Empty when not cached (or Redis is unavailable): the caller reads PostgreSQL. */
    Optional<ItemView> get(String sku) {
        if (bypassing() || !flushUnpublished()) {
            bypassed.increment();
            return Optional.empty();
        }
        try {
            Object cached = redis.opsForHash().get(key(sku), "json");
            if (cached instanceof String s && !s.isEmpty()) {
                hits.increment();
                return Optional.of(json.readValue(s, ItemView.class));
            }
        } catch (RuntimeException e) {
            failed(e);
            return Optional.empty();
        }
        misses.increment();
        return Optional.empty();
    }

    void put(ItemView item) {
        write(item.sku(), item.version(), json.writeValueAsString(item));
    }

    /** Publishes rows written by the current transaction once it has committed. */
    public void putAfterCommit(List<ItemView> items) {
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
        if (bypassing()) {
            unpublished.add(sku);
            return;
        }
        try {
            redis.execute(PUT_IF_NEWER, List.of(key(sku)), Long.toString(version), value,
                    Long.toString(ttl.toMillis()));
            unpublished.remove(sku);
        } catch (RuntimeException e) {
            // the entry in Redis may now be older than the committed row: it is deleted before the
            // cache is trusted again (see flushUnpublished), so Redis coming back cannot serve it
            unpublished.add(sku);
            failed(e);
        }
    }

    /** True when no entry is known to be older than the database (deleting those that were). */
    private boolean flushUnpublished() {
        if (unpublished.isEmpty()) {
            return true;
        }
        List<String> skus = List.copyOf(unpublished);
        try {
            redis.delete(skus.stream().map(ItemCache::key).toList());
            unpublished.removeAll(skus);
            log.info("Item cache reachable again; dropped {} entries written while it was not", skus.size());
            return true;
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    private boolean bypassing() {
        return System.nanoTime() - downSince < RETRY_AFTER.toNanos();
    }

    /** Redis down costs one timeout per second, not one per request; PostgreSQL answers meanwhile. */
    private void failed(RuntimeException e) {
        errors.increment();
        downSince = System.nanoTime();
        log.warn("Item cache unavailable, reading PostgreSQL for {}: {}", RETRY_AFTER, e.toString());
    }

    private static String key(String sku) {
        return "item:" + sku;
    }
}
