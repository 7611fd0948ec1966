package io.orderfleet.inventory.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.ApiClient;
import io.orderfleet.common.test.FleetIntegrationTest;
import io.orderfleet.common.test.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@FleetIntegrationTest
class StockLevelMetricsTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void itemsUnderTheThresholdAndOutOfStockAreCountedOnTheScrape() throws InterruptedException {
        ApiClient api = new ApiClient(port);
        long below = jdbc.sql("SELECT count(*) FROM items WHERE NOT archived AND available < 10").query(Long.class).single();
        long empty = jdbc.sql("SELECT count(*) FROM items WHERE NOT archived AND available = 0").query(Long.class).single();
        for (int available : new int[] {0, 3, 50}) {
            String sku = "M-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
            var created = api.post("/api/v1/inventory/items", TestTokens.admin(1), "{\"sku\":\"" + sku
                    + "\",\"name\":\"Gauge " + sku + "\",\"priceCents\":100,\"available\":" + available + "}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }

        // the gauges reuse one read for 2 s: poll until a fresh read is scraped
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            String scrape = api.get("/actuator/prometheus", null).body();
            double belowNow = gauge(scrape, "inventory_items_below_threshold");
            double emptyNow = gauge(scrape, "inventory_items_out_of_stock");
            if (belowNow == below + 2 && emptyNow == empty + 1) {
                return;
            }
            assertThat(Instant.now()).as("below " + belowNow + " / out " + emptyNow).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static double gauge(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " is exported").isTrue();
        return Double.parseDouble(m.group(2));
    }
}
