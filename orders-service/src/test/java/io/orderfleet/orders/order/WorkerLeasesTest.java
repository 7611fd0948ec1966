package io.orderfleet.orders.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.orders.OrdersTestBase;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class WorkerLeasesTest extends OrdersTestBase {

    private static String interval(Duration duration) {
        return OrderReconciler.interval(duration);
    }

    @Autowired
    OrderRepository repository;
    @Autowired
    PlatformTransactionManager transactions;

    private UUID pendingOrder() {
        UUID id = UUID.randomUUID();
        // created now: the background reconciler (1 s in tests) does not consider it stale yet
        jdbc.sql("INSERT INTO orders (id, user_id, status) VALUES (:id, 301, 'PENDING')")
                .param("id", id).update();
        return id;
    }

    @Test
    void aClaimedOrderIsNotClaimedAgainWhileItsLeaseRunsAndRowsLockedElsewhereAreSkipped() throws Exception {
        UUID first = pendingOrder();
        UUID second = pendingOrder();
        UUID locked = pendingOrder();
        CountDownLatch isLocked = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Void> otherInstance = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions)
                .executeWithoutResult(tx -> {
                    jdbc.sql("SELECT id FROM orders WHERE id = :id FOR UPDATE").param("id", locked).query(UUID.class).single();
                    isLocked.countDown();
                    try {
                        done.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(isLocked.await(10, TimeUnit.SECONDS)).isTrue();

        List<UUID> claimed = repository.claimStalePending(interval(Duration.ZERO), interval(Duration.ofSeconds(60)), 1000);
        List<UUID> claimedAgain = repository.claimStalePending(interval(Duration.ZERO), interval(Duration.ofSeconds(60)), 1000);
        done.countDown();
        otherInstance.get(10, TimeUnit.SECONDS);
        List<UUID> afterUnlock = repository.claimStalePending(interval(Duration.ZERO), interval(Duration.ofSeconds(60)), 1000);

        assertThat(claimed).contains(first, second).doesNotContain(locked);
        assertThat(claimedAgain).doesNotContain(first, second, locked);
        assertThat(afterUnlock).contains(locked).doesNotContain(first, second);
    }

    @Test
    void aLeaseThatRanOutIsClaimedAgainAsAfterACrash() throws InterruptedException {
        UUID id = pendingOrder();
        assertThat(repository.claimStalePending(interval(Duration.ZERO), interval(Duration.ofMillis(1)), 1000)).contains(id);
        Thread.sleep(20);

        assertThat(repository.claimStalePending(interval(Duration.ZERO), interval(Duration.ofSeconds(60)), 1000)).contains(id);
    }
}
