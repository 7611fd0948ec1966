package io.orderfleet.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The saga backlog gauges read the orders table: a PENDING order and a cancelled one still owing its
 * release (both leased for an hour by a "crashed" worker, so the real workers leave them alone) show
 * up as backlog and as age on /actuator/prometheus.
 */
class SagaBacklogMetricsTest extends OrdersTestBase {

    @Test
    void aStuckPendingOrderAndAnUnreleasedCancellationShowAsBacklogAndLagOnTheScrape() {
        UUID pending = UUID.randomUUID();
        UUID unreleased = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO orders (id, user_id, status, release_pending, created_at, updated_at, lease_until)
                VALUES (:pending, 9901, 'PENDING', FALSE, now() - interval '2 hours', now() - interval '2 hours',
                        now() + interval '1 hour'),
                       (:unreleased, 9901, 'CANCELLED', TRUE, now() - interval '4 hours', now() - interval '3 hours',
                        now() + interval '1 hour')""")
                .param("pending", pending).param("unreleased", unreleased).update();
        try {
            eventually("the gauges reflect both rows", () -> {
                String scrape = api.get("/actuator/prometheus", null).body();
                return gauge(scrape, "orders_reconciler_backlog") >= 1
                        && gauge(scrape, "orders_reconciler_oldest_pending_seconds") >= 7200
                        && gauge(scrape, "orders_release_backlog") >= 1
                        && gauge(scrape, "orders_release_lag_seconds") >= 10800;
            });
        } finally {
            jdbc.sql("DELETE FROM orders WHERE id IN (:pending, :unreleased)")
                    .param("pending", pending).param("unreleased", unreleased).update();
        }
    }

    static double gauge(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " is exported").isTrue();
        return Double.parseDouble(m.group(2));
    }
}
