package io.orderfleet.inventory.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderfleet.common.test.FleetDataJpaTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The hand-written stock statements of {@link ItemRepository}, against the real schema and its CHECKs. */
@FleetDataJpaTest
class ItemRepositoryTest {

    @Autowired
    ItemRepository items;
    @Autowired
    TestEntityManager em;
    @Autowired
    JdbcClient jdbc;

    String stored(int available) {
        String sku = "R-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        em.persistAndFlush(new Item(sku, "Thing", null, 250, available));
        em.clear();
        return sku;
    }

    Row row(String sku) {
        return jdbc.sql("SELECT available, reserved, archived, version FROM items WHERE sku = :sku").param("sku", sku)
                .query((rs, i) -> new Row(rs.getInt(1), rs.getInt(2), rs.getBoolean(3), rs.getLong(4))).single();
    }

    record Row(int available, int reserved, boolean archived, long version) {
    }

    @Test
    void takingStockMovesUnitsFromAvailableToReservedAndBumpsTheVersion() {
        String sku = stored(5);

        ItemView after = items.takeStock(sku, 3).orElseThrow();

        assertThat(after.sku()).isEqualTo(sku);
        assertThat(after.available()).isEqualTo(2);
        assertThat(after.reserved()).isEqualTo(3);
        assertThat(after.updatedAt()).isNotNull();
        assertThat(row(sku)).isEqualTo(new Row(2, 3, false, 1));
        assertThat(after.version()).isEqualTo(1);
    }

    @Test
    void aStockChangeAnswersTheNewRowEvenWhileTheItemIsLoadedInTheSameTransaction() {
        String sku = stored(5);
        Item loaded = items.findById(sku).orElseThrow();

        ItemView after = items.takeStock(sku, 2).orElseThrow();

        assertThat(after.available()).isEqualTo(3);
        assertThat(after.version()).isEqualTo(1);
        assertThat(loaded.available()).isEqualTo(5); // the entity is not refreshed: it never stands for stock
    }

    @Test
    void takingMoreThanIsAvailableChangesNothing() {
        String sku = stored(2);

        assertThat(items.takeStock(sku, 3)).isEmpty();
        assertThat(items.takeStock("NO-SUCH-SKU", 1)).isEmpty();

        assertThat(row(sku)).isEqualTo(new Row(2, 0, false, 0));
    }

    @Test
    void returningStockGivesReservedUnitsBack() {
        String sku = stored(5);
        items.takeStock(sku, 4);
        em.clear();

        ItemView after = items.returnStock(sku, 4).orElseThrow();

        assertThat(after.available()).isEqualTo(5);
        assertThat(row(sku)).isEqualTo(new Row(5, 0, false, 2));
    }

    @Test
    void anAdjustmentThatWouldGoBelowZeroChangesNothing() {
        String sku = stored(3);

        assertThat(items.adjustStock(sku, -4)).isEmpty();
        assertThat(row(sku)).isEqualTo(new Row(3, 0, false, 0));
        em.clear();
        assertThat(items.adjustStock(sku, -3).orElseThrow().available()).isZero();
        assertThat(row(sku)).isEqualTo(new Row(0, 0, false, 1));
    }

    @Test
    void archivingIsRefusedWhileStockIsReservedAndArchivedItemsTakeNoStock() {
        String sku = stored(5);
        items.takeStock(sku, 1);
        em.clear();

        assertThat(items.archive(sku)).isEmpty();
        items.returnStock(sku, 1);
        em.clear();
        assertThat(items.archive(sku)).contains(3L);

        assertThat(items.takeStock(sku, 1)).isEmpty();
        assertThat(items.adjustStock(sku, 1)).isEmpty();
        assertThat(items.findBySkuAndArchivedFalse(sku)).isEmpty();
        assertThat(items.existsBySkuAndArchivedFalse(sku)).isFalse();
        assertThat(row(sku)).isEqualTo(new Row(5, 0, true, 3));
    }

    /** The guard against a read-modify-write of stock: even a forced write to the field never reaches the row. */
    @Test
    void stockWrittenIntoALoadedEntityIsNeverFlushedButDescriptiveChangesAreVersioned() throws Exception {
        String sku = stored(7);
        Item item = items.findById(sku).orElseThrow();
        for (String field : new String[] {"available", "reserved", "initialStock"}) {
            var f = Item.class.getDeclaredField(field);
            f.setAccessible(true);
            f.setInt(item, 1000);
        }
        var archived = Item.class.getDeclaredField("archived");
        archived.setAccessible(true);
        archived.setBoolean(item, true);
        item.revise("Renamed", null, 300L);
        em.flush();
        em.clear();

        assertThat(row(sku)).isEqualTo(new Row(7, 0, false, 1));
        assertThat(jdbc.sql("SELECT initial_stock FROM items WHERE sku = :sku").param("sku", sku).query(Integer.class)
                .single()).isEqualTo(7);
        Item reread = items.findById(sku).orElseThrow();
        assertThat(reread.name()).isEqualTo("Renamed");
        assertThat(reread.priceCents()).isEqualTo(300);
    }
}
