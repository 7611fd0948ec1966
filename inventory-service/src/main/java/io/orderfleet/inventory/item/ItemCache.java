package io.orderfleet.inventory.item;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 * Cache-aside for the catalog in Redis (DB 2): items by SKU, and the catalog's list and search pages.
 *
 * <p>Items: every entry carries the row's version and a Lua script only ever replaces an entry with a
 * newer version, so a slow reader can never put back a value older than the one a writer published
 * after its commit: a read right after a write is never stale. Writers publish the new row after commit
 * (an archived item becomes an empty tombstone).
 *
 * <p>Pages: a page is stored under a key that holds the catalog's generation ({@code items:gen}) and the
 * normalised query. Every write, after its commit and before its response, publishes its rows and
 * increments the generation in the same script (one Redis round trip, as publishing alone took), so
 * every page cached before the write becomes unreachable at once; the pages' short TTL only reclaims
 * memory. A reader reads the generation before it reads PostgreSQL, so a page it caches under a
 * generation can only be older than a write that has not yet bumped that generation.
 *
 * <p>Redis being down only costs speed: reads and writes go on against PostgreSQL. A write whose
 * publish failed leaves this instance's cache untrusted until it has deleted the item entries and
 * bumped the generation again, so Redis coming back cannot serve what that write made stale.
 */
@Component
public class ItemCache {

    static final String GENERATION_KEY = "items:gen";
    static final String PAGE_KEY_PREFIX = "items:page:";

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
    /**
     * KEYS: the generation, then the items; ARGV: entry TTL (ms), a seed for a missing generation, then
     * version and JSON per item. Publishes each item unless Redis holds a newer version, then bumps the
     * generation. A missing generation (Redis restarted empty, the key evicted) starts again at the
     * seed, the time in microseconds: above any generation handed out before, so no page older than the
     * reset can be addressed again.
     */
    private static final DefaultRedisScript<Long> PUBLISH_AND_BUMP = new DefaultRedisScript<>("""
            for i = 2, #KEYS do
              local v = redis.call('HGET', KEYS[i], 'v')
              if (not v) or tonumber(v) < tonumber(ARGV[2 * i - 1]) then
                redis.call('HSET', KEYS[i], 'v', ARGV[2 * i - 1], 'json', ARGV[2 * i])
                redis.call('PEXPIRE', KEYS[i], ARGV[1])
              end
            end
            if redis.call('EXISTS', KEYS[1]) == 1 then
              return redis.call('INCR', KEYS[1])
            end
            redis.call('SET', KEYS[1], ARGV[2])
            return tonumber(ARGV[2])""", Long.class);
    /** KEYS: the generation; ARGV: page key prefix, page key suffix, seed. Returns {generation, page or nil}. */
    @SuppressWarnings("rawtypes")
    private static final DefaultRedisScript<List> GENERATION_AND_PAGE = new DefaultRedisScript<>("""
            local g = redis.call('GET', KEYS[1])
            if not g then
              g = ARGV[3]
              redis.call('SET', KEYS[1], g)
            end
            return {g, redis.call('GET', ARGV[1] .. g .. ARGV[2])}""", List.class);

    /** A page looked up in the cache: its JSON when cached, else the generation to cache it under. */
    record PageLookup(String generation, String json) {

        static final PageLookup UNCACHEABLE = new PageLookup(null, null);

        boolean hit() {
            return json != null;
        }
    }

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final Duration ttl;
    private final Duration pageTtl;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Counter bypassed;
    private final Counter pageHits;
    private final Counter pageMisses;
    private final Counter pageBypassed;
    /** SKUs whose post-commit publish failed; kept per instance, bounded by the entry TTL across instances. */
    private final Set<String> unpublished = ConcurrentHashMap.newKeySet();
    /** Counts writes whose generation bump failed; pages are trusted again once a bump has followed the last. */
    private final AtomicLong missedBumps = new AtomicLong();
    private volatile long bumpedAfter;
    private volatile long downSince = System.nanoTime() - RETRY_AFTER.toNanos();

    ItemCache(StringRedisTemplate redis, JsonMapper json, @Value("${orderfleet.inventory.cache-ttl:10m}") Duration ttl,
            @Value("${orderfleet.inventory.page-cache-ttl:30s}") Duration pageTtl, MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
        this.pageTtl = pageTtl;
        this.hits = meters.counter("inventory.item.cache", "result", "hit");
        this.misses = meters.counter("inventory.item.cache", "result", "miss");
        this.errors = meters.counter("inventory.item.cache", "result", "error");
        this.bypassed = meters.counter("inventory.item.cache", "result", "bypass");
        this.pageHits = meters.counter("inventory.item.page.cache", "result", "hit");
        this.pageMisses = meters.counter("inventory.item.page.cache", "result", "miss");
        this.pageBypassed = meters.counter("inventory.item.page.cache", "result", "bypass");
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

    /** Caches a row a reader just read (never replacing a newer one); pages are not touched. */
    void put(ItemView item) {
        if (bypassing()) {
            return;
        }
        try {
            redis.execute(PUT_IF_NEWER, List.of(key(item.sku())), Long.toString(item.version()),
                    json.writeValueAsString(item), Long.toString(ttl.toMillis()));
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /**
     * Publishes rows written by the current transaction, and retires every cached page, once it has
     * committed (at once when no transaction is active).
     */
    public void publishAfterCommit(List<ItemView> items) {
        List<Entry> entries = items.stream().map(item -> new Entry(item.sku(), item.version(),
                json.writeValueAsString(item))).toList();
        afterCommit(() -> publish(entries));
    }

    /** A row written outside a transaction (already committed): published now, pages retired. */
    void publish(ItemView item) {
        publish(List.of(new Entry(item.sku(), item.version(), json.writeValueAsString(item))));
    }

    void tombstoneAfterCommit(String sku, long version) {
        afterCommit(() -> publish(List.of(new Entry(sku, version, ""))));
    }

    /**
     * The cached page for a normalised query ({@link ItemSearch#pageKey}), else the generation to
     * cache it under; {@link PageLookup#UNCACHEABLE} while the page cache cannot be trusted.
     */
    PageLookup page(String pageKey) {
        if (bypassing() || !bumpMissed()) {
            pageBypassed.increment();
            return PageLookup.UNCACHEABLE;
        }
        try {
            List<?> found = redis.execute(GENERATION_AND_PAGE, List.of(GENERATION_KEY), PAGE_KEY_PREFIX,
                    ":" + pageKey, seed());
            String generation = (String) found.get(0);
            String page = found.size() > 1 ? (String) found.get(1) : null;
            if (page != null) {
                pageHits.increment();
            } else {
                pageMisses.increment();
            }
            return new PageLookup(generation, page);
        } catch (RuntimeException e) {
            failed(e);
            pageBypassed.increment();
            return PageLookup.UNCACHEABLE;
        }
    }

    /** Caches a page read from PostgreSQL after {@code lookup} under the generation the lookup saw. */
    void putPage(PageLookup lookup, String pageKey, Object page) {
        if (lookup.generation() == null || bypassing()) {
            return;
        }
        try {
            redis.opsForValue().set(PAGE_KEY_PREFIX + lookup.generation() + ":" + pageKey,
                    json.writeValueAsString(page), pageTtl);
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private record Entry(String sku, long version, String json) {
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    private void publish(List<Entry> entries) {
        if (bypassing()) {
            missed(entries);
            return;
        }
        List<String> keys = new ArrayList<>(entries.size() + 1);
        List<String> args = new ArrayList<>(2 + 2 * entries.size());
        keys.add(GENERATION_KEY);
        args.add(Long.toString(ttl.toMillis()));
        args.add(seed());
        for (Entry entry : entries) {
            keys.add(key(entry.sku()));
            args.add(Long.toString(entry.version()));
            args.add(entry.json());
        }
        try {
            redis.execute(PUBLISH_AND_BUMP, keys, args.toArray());
            entries.forEach(entry -> unpublished.remove(entry.sku()));
        } catch (RuntimeException e) {
            // Redis may now hold entries and pages older than the committed rows (or the script may have
            // run after all): item entries are deleted and the generation bumped before either cache is
            // trusted again (see flushUnpublished, bumpMissed), so Redis coming back cannot serve them
            missed(entries);
            failed(e);
        }
    }

    private void missed(List<Entry> entries) {
        entries.forEach(entry -> unpublished.add(entry.sku()));
        missedBumps.incrementAndGet();
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

    /** True when every write whose bump failed has been followed by a successful bump (bumping now if not). */
    private boolean bumpMissed() {
        long missed = missedBumps.get();
        if (missed == bumpedAfter) {
            return true;
        }
        try {
            redis.execute(PUBLISH_AND_BUMP, List.of(GENERATION_KEY), Long.toString(ttl.toMillis()), seed());
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
        synchronized (this) {
            if (missed > bumpedAfter) {
                bumpedAfter = missed;
            }
        }
        log.info("Catalog page cache reachable again; retired the pages cached before the writes it missed");
        return true;
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

    private static String seed() {
        return Long.toString(System.currentTimeMillis() * 1000);
    }

    private static String key(String sku) {
        return "item:" + sku;
    }
}
