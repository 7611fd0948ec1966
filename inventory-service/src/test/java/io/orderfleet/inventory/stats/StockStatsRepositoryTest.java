package io.orderfleet.inventory.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetDataJpaTest;
import io.orderfleet.inventory.item.Item;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The dashboard's aggregations, against rows this test adds to whatever the database holds. */
@FleetDataJpaTest
class StockStatsRepositoryTest {

    @Autowired
    StockStatsRepository stats;
    @Autowired
    JdbcClient jdbc;

    String insert(int available, boolean archived) {
        String sku = "S-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        jdbc.sql("INSERT INTO items (sku, name, price_cents, available, initial_stock, archived)"
                + " VALUES (:sku, 'x', 1, :n, :n, :archived)").param("sku", sku).param("n", available)
                .param("archived", archived).update();
        return sku;
    }

    @Test
    void totalsCountLiveItemsTheirUnitsAndThoseOutOfStock() {
        StockTotals before = stats.totals();
        insert(0, false);
        insert(7, false);
        insert(100, true);

        StockTotals after = stats.totals();

        assertThat(after).isEqualTo(new StockTotals(before.skus() + 2, before.units() + 7, before.outOfStock() + 1));
    }

    @Test
    void lowStockListsLiveItemsUnderTheThresholdEmptiestFirstAndIsCapped() {
        String empty = insert(0, false);
        String low = insert(1, false);
        String plenty = insert(1000, false);
        String archived = insert(0, true);

        var lowStock = stats.lowStock(2, Limit.of(1000)).stream().map(Item::sku).toList();

        assertThat(lowStock).contains(empty, low).doesNotContain(plenty, archived);
        assertThat(lowStock.indexOf(empty)).isLessThan(lowStock.indexOf(low));
        assertThat(stats.lowStock(2, Limit.of(1))).hasSize(1);
    }
}
